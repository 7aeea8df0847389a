"""Stepper.quiz(): predict each step, answers checked within a tolerance, hints, back, quit, a score."""

import pytest
from seed_graph import seed_example

from autograd_lite import Stepper
from autograd_lite.quiz import AnswerError, number_answer, random_exercise


def drive(answers, stepper=None):
    """Run the quiz on seed 004's e = (a + b) · c with scripted answers; (score, transcript lines)."""
    st = stepper or Stepper(seed_example()[-1])
    queue, said = list(answers), []

    def ask(prompt):
        said.append(prompt)
        if not queue:
            raise EOFError
        answer = queue.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    score = st.quiz(ask=ask, say=said.append)
    return score, said, st




def test_right_answers_score_every_question_and_do_every_step():
    score, said, st = drive(["-10", "-10", "2", "2", "1", "-10", "1", "-10"])
    assert st.done
    assert (score.asked, score.right, score.first_try) == (8, 8, 8)
    assert said[-1] == "score: 8 of 8 right (8 on the first try)"
    assert "  ∂(d * c)/∂d = " in said
    assert "  pushed to ∂e/∂d: ∂e/∂e · ∂(d * c)/∂d = " in said
    assert any(line.startswith("  step 1 of 2: e = d * c") for line in said)  # the step revealed once answered


def test_a_wrong_answer_gets_the_derivative_tables_hint_and_a_second_try():
    score, said, _ = drive(["3", "-10", "-10", "2", "2", "1", "-10", "1", "-10"])
    assert "  not quite (3). hint: ∂(d * c)/∂d = c; try again" in said
    assert (score.asked, score.right, score.first_try) == (8, 8, 7)
    score, said, _ = drive(["3", "4", "-10", "2", "2", "1", "-10", "1", "-10"])
    assert "  the answer is -10" in said  # wrong twice: the answer, and on
    assert (score.asked, score.right) == (8, 7)


def test_answers_within_the_tolerance_are_accepted():
    score, *_ = drive(["-10.001", "-9.99", "2", "2", "1", "-10", "1", "-10"])
    assert score.first_try == 8


def test_bad_input_is_one_clear_line_and_costs_no_try():
    score, said, _ = drive(["", "ten", "1/0", "1e999", "9" * 300, "-10", "-10", "2", "2", "1", "-10", "1", "-10"])
    assert "  an empty answer: type a number (b = back, q = quit)" in said
    assert "  'ten' is not a number; type a number such as -10 or 0.5 (b = back, q = quit)" in said
    assert "  '1/0' is not a number; type a number such as -10 or 0.5 (b = back, q = quit)" in said
    assert "  '1e999' is not a finite number; type a number such as -10 or 0.5" in said
    assert "  the answer is 300 characters long; type a number" in said
    assert score.first_try == 8


def test_back_undoes_the_last_step_and_its_points_and_quit_stops():
    score, said, st = drive(["-10", "-10", "2", "2", "b", "-10", "-10", "2", "2", "q"])
    assert "  back: undid step 1 of 2: e = d * c; back to ∂e/∂d = 0, ∂e/∂c = 0" in said
    assert len(st.history) == 1
    assert (score.asked, score.right) == (4, 4)
    assert said[-1] == "quit after 1 of 2 steps; score: 4 of 4 right (4 on the first try)"
    _, said, _ = drive(["b", "q"])
    assert "  back: nothing to undo yet" in said


def test_ctrl_d_and_ctrl_c_quit_with_a_line_each():
    score, said, _ = drive([])
    assert "  end of input: quitting" in said
    assert not score.interrupted
    score, said, _ = drive([KeyboardInterrupt()])
    assert "  interrupted: quitting" in said
    assert score.interrupted


def test_number_answer_refuses_what_is_not_a_finite_number():
    assert number_answer("-1e-3") == -0.001
    for text in ["nan", "inf", "x", "1/0", "__import__('os')"]:
        with pytest.raises(AnswerError):
            number_answer(text)


def test_random_exercises_are_the_same_for_the_same_seed_and_differ_across_seeds():
    for level in (1, 2, 3):
        assert random_exercise(level, 7) == random_exercise(level, 7)
    assert len({random_exercise(2, s)[0] + str(random_exercise(2, s)[1]) for s in range(20)}) > 5
    with pytest.raises(ValueError, match="the level is 1, 2 or 3"):
        random_exercise(4, 0)
