from tasker_core.step_handler.functional import (BatchConfig, Decision, batch_analyzer, decision_handler, depends_on,
                                                 inputs, step_handler)


@step_handler("counting_dsl_py.start")
@inputs("items")
async def count_start(items, _context):
    return {"count": len(items), "step": _context.step_name}


@decision_handler("counting_dsl_py.route")
@depends_on(started="start_py")
def route(started, context):
    if started["count"] > 3:
        return Decision.route(["big_batch_py"], size=started["count"])
    return Decision.route(["small_batch_py"])


@batch_analyzer("counting_dsl_py.analyze", worker_template="count_chunk_py")
@inputs("items")
def analyze(items):
    return BatchConfig(total_items=len(items), batch_size=2)


@step_handler("counting_dsl_py.total")
@depends_on(started="start_py")
def count_total(started, context):
    chunks = [context.get_dependency_result(k) for k in sorted(context.dependency_results) if k.startswith("count_chunk_py_")]
    return {"count": started["count"], "sum": sum(c["batch_metadata"]["sum"] for c in chunks), "chunks": len(chunks)}


@step_handler("counting_dsl_py.big_batch")
def big(context):
    return {"path": "big", "at": context.step_name}


@step_handler("counting_dsl_py.small_batch")
def small(context):
    return "small"
