"""The query pipeline: a reader's words -> ``QueryPlan`` -> SQL over the index -> ``CandidateSet``.

``compile.compile_query`` (with ``grammar``, ``periods``, ``vocabulary`` and ``llm``) makes the
plan; ``execute.execute_plan`` runs it (``execute.iter_matches`` streams all its matches),
through the one operator table in ``operators``; ``connection`` opens the index read-only.
"""
