// Linear workflow: square the even number, add ten, multiply by three, halve. 6 -> 36 -> 46 -> 138 -> 69
import { PermanentError, StepContext, StepHandler, StepResultSuccess } from '@tasker-systems/tasker';

export class LinearSquareHandler extends StepHandler {
  call(context: StepContext): StepResultSuccess {
    const n = context.getInput<number>('even_number');
    if (typeof n !== 'number' || !Number.isInteger(n) || n % 2 !== 0) {
      throw new PermanentError(`even_number must be an even integer, got ${JSON.stringify(n)}`);
    }
    return this.success(n * n, { operation: 'square', input: n });
  }
}

export class LinearAddTenHandler extends StepHandler {
  call(context: StepContext): number {
    return context.getDependencyResult<number>('square')! + 10;
  }
}

export class LinearTimesThreeHandler extends StepHandler {
  call(context: StepContext): number {
    return context.getDependencyResult<number>('add_ten')! * 3;
  }
}

export class LinearHalveHandler extends StepHandler {
  call(context: StepContext): number {
    return context.getDependencyResult<number>('times_three')! / 2;
  }
}
