"""Simulators of the external systems the suite talks to (Silicon Master, 3CX, iAdvize).

They serve real HTTP on localhost for the demo, the tests and the benchmarks.
"""
