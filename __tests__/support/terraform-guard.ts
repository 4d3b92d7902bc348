import { terraformAvailability, type TerraformAvailability } from "../../src/terraform/offline-plan";

export interface ToolAvailability {
  readonly available: boolean;
  /** Why not, in words a developer can act on. */
  readonly reason?: string;
}

/**
 * For test files that need an external tool (terraform, checkov): `describeIfAvailable` is `describe`
 * when the tool is there. Without it the tests say why and skip, except under CI, where that is a
 * failure: CI must never pass by skipping.
 */
export function toolGuard(what: string, availability: ToolAvailability): jest.Describe {
  if (!availability.available) {
    if (process.env.CI) {
      test(`the tool for ${what} is available under CI`, () => {
        throw new Error(`${what} cannot run: ${availability.reason}`);
      });
    } else {
      // eslint-disable-next-line no-console
      console.warn(`${what} skipped: ${availability.reason}`);
    }
  }
  return availability.available ? describe : describe.skip;
}

/** toolGuard for real Terraform runs (terraform on PATH and the provider mirror). */
export function terraformGuard(what: string): { availability: TerraformAvailability; describePlans: jest.Describe } {
  const availability = terraformAvailability();
  return { availability, describePlans: toolGuard(what, availability) };
}
