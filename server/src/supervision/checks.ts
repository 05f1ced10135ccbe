/** The inputs of a supervision order and its answers, checked before anything is written. */
import { MAX_DEMAND_LENGTH } from '../domain/supervision.js';
import { textProblem } from '../domain/text-safety.js';
import { badInput } from '../errors.js';

/** The longest an order may run: a supervision order is a matter of days and weeks. */
export const MAX_DEADLINE_DAYS = 366;

/** Free text of an order or an answer: trimmed, not too long, no control characters. */
export function checkSupervisionText(
  field: string,
  value: string | null | undefined,
  required: boolean,
): string | null {
  const text = (value ?? '').trim();
  if (!text) {
    if (required) throw badInput(field, 'must not be blank', {}, { reason: 'blank' });
    return null;
  }
  if (text.length > MAX_DEMAND_LENGTH) {
    throw badInput(
      field,
      `is ${text.length} characters; at most ${MAX_DEMAND_LENGTH}`,
      {},
      { reason: 'too_long', params: { length: text.length, max: MAX_DEMAND_LENGTH } },
    );
  }
  const problem = textProblem(text, { multiline: true });
  if (problem) throw badInput(field, problem, {}, { reason: 'unsafe_text' });
  return text;
}

/** A deadline after now and within MAX_DEADLINE_DAYS of it. */
export function checkDeadline(deadline: Date, now: Date): Date {
  if (deadline.getTime() <= now.getTime()) {
    throw badInput(
      'deadline',
      `${deadline.toISOString()} is not after now (${now.toISOString()})`,
      {},
      { reason: 'deadline_not_after_now', params: { deadline: deadline.toISOString() } },
    );
  }
  if (deadline.getTime() - now.getTime() > MAX_DEADLINE_DAYS * 86_400_000) {
    throw badInput(
      'deadline',
      `${deadline.toISOString()} is more than ${MAX_DEADLINE_DAYS} days away`,
      {},
      { reason: 'deadline_too_far', params: { deadline: deadline.toISOString(), maxDays: MAX_DEADLINE_DAYS } },
    );
  }
  return deadline;
}
