"""Homework for the kit: student versions made from instructor notebooks, instant public checks,
and a grader. Not part of course_lib (which is numpy only): this package works on notebooks.

Authoring follows nbgrader's conventions: answer cells are tagged with the question (``q1``) and
hold ``### BEGIN SOLUTION`` / ``### END SOLUTION``; grading cells are tagged ``q1-tests``, carry
``metadata.nbgrader.points`` and may hold ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``.
"""
from .checker import Checker, CheckFailed
from .hidden import hidden_test
from .protocol import Function

__all__ = ["Checker", "CheckFailed", "Function", "hidden_test"]
