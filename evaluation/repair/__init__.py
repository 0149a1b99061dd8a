"""Repair evaluation: the synthetic generator and the hand-written unseen-entity sets."""
