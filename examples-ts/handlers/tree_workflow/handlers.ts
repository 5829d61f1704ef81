// A tree: a root, two branches, four leaves, and a final step that sums the leaves.
//   root = n^2; branch_left = root + 1; branch_right = root + 2
//   leaf_left_a = left * 2, leaf_left_b = left * 3, leaf_right_a = right * 2, leaf_right_b = right * 3
// 6 -> 36 -> (37, 38) -> (74, 111, 76, 114) -> 375
import { StepContext, StepHandler } from '@tasker-systems/tasker';

const LEAVES = ['leaf_left_a', 'leaf_left_b', 'leaf_right_a', 'leaf_right_b'] as const;

export class TreeRootHandler extends StepHandler {
  call(context: StepContext): number { return context.getInput<number>('even_number')! ** 2; }
}

/** One handler, two branches: the offset comes from the step's handler.initialization. */
export class TreeBranchHandler extends StepHandler {
  call(context: StepContext): number {
    return context.getDependencyResult<number>('root')! + context.getConfig<number>('offset')!;
  }
}

export class TreeLeafHandler extends StepHandler {
  call(context: StepContext): number {
    return context.getDependencyResult<number>(context.getConfig<string>('branch')!)! * context.getConfig<number>('factor')!;
  }
}

export class TreeSumLeavesHandler extends StepHandler {
  call(context: StepContext): number {
    return LEAVES.reduce((sum, leaf) => sum + context.getDependencyResult<number>(leaf)!, 0);
  }
}
