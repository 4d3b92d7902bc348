import type { Review } from "./review";

/** The review for machines (CI gates, bots): the Review object as JSON, stable key order as built. */
export function renderJson(review: Review): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
