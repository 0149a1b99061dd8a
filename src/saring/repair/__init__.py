"""Machine-translation damage repair: link glue, revision duplicates, MT-damage score.

The step is ``saring.repair.step:Repair`` (registry name ``repair``); the synthetic corruption
generator for measuring it is ``saring.repair.corrupt``.
"""
