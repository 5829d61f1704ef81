// Diamond: square, then +25 and x2 side by side, then their average. 6 -> 36 -> (61, 72) -> 66.5
import { StepContext, StepHandler } from '@tasker-systems/tasker';

export class DiamondSquareHandler extends StepHandler {
  call(context: StepContext): number {
    return context.getInput<number>('even_number')! ** 2;
  }
}

export class DiamondAddTwentyFiveHandler extends StepHandler {
  call(context: StepContext): number {
    return context.getDependencyResult<number>('square')! + 25;
  }
}

export class DiamondDoubleHandler extends StepHandler {
  call(context: StepContext): number {
    return context.getDependencyResult<number>('square')! * 2;
  }
}

export class DiamondAverageHandler extends StepHandler {
  call(context: StepContext): number {
    const branches = ['add_twenty_five', 'double'].map((step) => context.getDependencyResult<number>(step)!);
    return branches.reduce((a, b) => a + b, 0) / branches.length;
  }
}
