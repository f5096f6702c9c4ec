/**
 * Conditional writes as a yes/no answer. Most store writes carry a condition (the item
 * must not exist yet, must still be at the revision read, a counter must be under its
 * limit), and a failed condition is an expected outcome — someone got there first —
 * not an error. Turning that one exception into `false`, and letting every other error
 * through, here spares each store the same try/catch.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** Await a conditional write: true when it was written, false when its condition failed. */
export async function conditionalWrite(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
