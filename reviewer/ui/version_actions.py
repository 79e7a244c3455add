"""Labelled versions: label the document, compare two versions, export one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewer.core.errors import ReviewerError
from reviewer.session import CURRENT
from reviewer.ui.compare_dialogs import VersionCompareDialog

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class VersionActions:
    """The Versions menu."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def label_version(self, label: str) -> bool:
        """Label the document as it is now; False (and a message) if the label is taken."""
        window = self._window
        window.editing.save_pending()
        try:
            version = window.session.add_version(label, window.author())
        except ReviewerError as error:
            window.interaction.error("Cannot label this version", str(error))
            return False
        window.timeline.set_versions(window.session.versions())
        window.statusBar().showMessage(f"Labelled this version {version.label!r}", 6000)
        return True

    def label_version_dialog(self) -> None:
        """Ask for a label, then label the document."""
        label = self._window.interaction.ask_text("Label this version",
                                                  "Label (e.g. sent to client, v2):")
        if label:
            self.label_version(label)

    def compare_versions_dialog(self) -> VersionCompareDialog | None:
        """Open a window comparing two versions (or a version and the current text)."""
        window = self._window
        window.editing.save_pending()
        labels = [v.label for v in window.session.versions()] + [CURRENT]
        if len(labels) < 2:
            window.interaction.information("Compare versions", "Label a version first "
                                           "(Versions → Label this version…).")
            return None
        dialog = VersionCompareDialog(labels, window.session.compare_versions, window,
                                      window.session.segment_tags, window.tasks.run)
        window.show_dialog(dialog)
        return dialog

    def export_version_dialog(self) -> None:
        """Choose a labelled version and export it exactly as it was."""
        window = self._window
        labels = [v.label for v in window.session.versions()]
        if not labels:
            window.interaction.information("Export a version", "No version is labelled yet.")
            return
        label = window.interaction.choose_item("Export a version", "Version:", labels)
        if label is None:
            return
        window.project_actions.ask_and_export("Export version",
                                              f"{window.session.path.stem}-{label}", label)
