from tasker_core import StepHandler


class WhoAmIHandler(StepHandler):
    """Registered under the same name as a TypeScript handler: each language's templates take their own."""

    handler_name = "shared.step_handlers.WhoAmI"

    def call(self, context):
        return {"language": "python"}
