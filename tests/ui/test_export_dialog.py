"""File → Export asks in the right order: a place it never writes is refused before any
"replace it?" question, an existing file is asked about, nothing is written without a yes."""

from __future__ import annotations

from pathlib import Path

from qt_helpers import ScriptedInteraction

from reviewer.ui.main_window import MainWindow


def test_the_project_itself_is_refused_without_asking_to_replace_it(
        window: MainWindow, interaction: ScriptedInteraction, seed_project: Path) -> None:
    before = seed_project.read_bytes()
    interaction.next_save = seed_project
    interaction.answer = True  # would say yes to "replace it?" if it were asked
    window.project_actions.export_dialog()
    assert len(interaction.errors) == 1 and "is the project itself" in interaction.errors[0][1]
    assert not any("Replace" in message for _title, message in interaction.messages)
    assert seed_project.read_bytes() == before


def test_an_existing_file_is_replaced_only_after_a_yes(
        window: MainWindow, interaction: ScriptedInteraction, tmp_path: Path) -> None:
    target = tmp_path / "corrected.txt"
    target.write_text("keep me", encoding="utf-8")
    interaction.next_save = target
    interaction.answer = False
    window.project_actions.export_dialog()
    assert target.read_text(encoding="utf-8") == "keep me"
    assert interaction.messages[-1][1] == "corrected.txt already exists. Replace it?"
    interaction.answer = True
    window.project_actions.export_dialog()
    assert target.read_text(encoding="utf-8").startswith("Putin: Russian military")
    assert interaction.errors == []
