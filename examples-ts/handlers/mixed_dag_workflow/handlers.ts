// A mixed DAG: a fan-out, a join, a side chain and a final join over both.
//   start = n^2; left = start + 10; right = start * 2; merge = left + right; side = start - 1; finish = merge + side
// 6 -> 36 -> (46, 72) -> 118; side 35 -> finish 153
import { StepContext, StepHandler } from '@tasker-systems/tasker';

const result = (context: StepContext, step: string): number => context.getDependencyResult<number>(step)!;

export class MixedStartHandler extends StepHandler {
  call(context: StepContext): number { return context.getInput<number>('even_number')! ** 2; }
}

export class MixedLeftHandler extends StepHandler {
  call(context: StepContext): number { return result(context, 'start') + 10; }
}

export class MixedRightHandler extends StepHandler {
  call(context: StepContext): number { return result(context, 'start') * 2; }
}

export class MixedMergeHandler extends StepHandler {
  call(context: StepContext): number { return result(context, 'left') + result(context, 'right'); }
}

export class MixedSideHandler extends StepHandler {
  call(context: StepContext): number { return result(context, 'start') - 1; }
}

export class MixedFinishHandler extends StepHandler {
  call(context: StepContext): number { return result(context, 'merge') + result(context, 'side'); }
}
