import { terraformAvailability, type TerraformAvailability } from "../../src/terraform/offline-plan";

/**
 * For test files that run real Terraform: `describePlans` is `describe` when Terraform and the provider
 * mirror are there. Without them the tests say why and skip, except under CI, where that is a failure.
 */
export function terraformGuard(what: string): { availability: TerraformAvailability; describePlans: jest.Describe } {
  const availability = terraformAvailability();
  if (!availability.available) {
    if (process.env.CI) {
      test(`terraform is available for ${what} under CI`, () => {
        throw new Error(`${what} cannot run: ${availability.reason}`);
      });
    } else {
      // eslint-disable-next-line no-console
      console.warn(`${what} skipped: ${availability.reason}`);
    }
  }
  return { availability, describePlans: availability.available ? describe : describe.skip };
}
