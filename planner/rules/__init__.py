"""The law as formulas: the indicative key, apportionment, the AMV split, Ukraine targets, counting and SPUK.

Numbers never live here: every threshold, rate and need comes from the scenario.
"""
