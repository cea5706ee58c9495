"""Plenary: governance and decision tracking for a body run by a Plenary."""
