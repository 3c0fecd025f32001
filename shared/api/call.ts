import { z } from 'zod';

/** One call of the API: request and response schemas, and what it does. */
export const call = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res, summary: string) => ({
  request,
  response,
  summary,
});

export const id = (what: string) => z.uuid({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} is not a valid id`) });

export const requiredText = (what: string, max = 200) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} cannot be empty`)
    .max(max, `${what} is longer than ${max} characters`);

export const optionalText = (max: number) => z.string().trim().max(max, `Keep this under ${max} characters`);
