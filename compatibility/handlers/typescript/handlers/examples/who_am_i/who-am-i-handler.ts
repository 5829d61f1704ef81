import { StepHandler } from '../../../../src/handler/base.js';
import type { StepContext } from '../../../../src/types/step-context.js';
import type { StepHandlerResult } from '../../../../src/types/step-handler-result.js';

/** Registered under the same name as a Python handler: each language's templates take their own. */
export class WhoAmIHandler extends StepHandler {
  static handlerName = 'shared.step_handlers.WhoAmI';

  async call(_context: StepContext): Promise<StepHandlerResult> {
    return this.success({ language: 'typescript' });
  }
}
