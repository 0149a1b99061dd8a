"""Machine-translation damage repair: link glue, revision duplicates, MT-damage score.

The step is ``saring.repair.step:Repair`` (registry name ``repair``); per-site damage figures are
the corpus stage ``saring.repair.sites:SiteDamage`` (``site_damage``). Evaluation code (generator,
hand-written sets, scorers) lives outside the package in ``evaluation/repair/``.
"""
