import { TerraformElement, TerraformStack } from "cdktf";
import { decodeLiteralParts, encodeLiteralParts, mapStrings } from "../terraform/template-literals";

/** Elements whose output is already encoded (a stack may be synthesized more than once). */
const encoded = new WeakSet<TerraformElement>();

/**
 * The base of every stack the product synthesizes. Strings that come from config are data: every
 * literal `${` and `%{` in the stack's output reaches Terraform escaped, while the references the
 * product itself made (cdktf tokens) stay references. This is the one place that does it, so no
 * construct and no new config field can forget it (src/terraform/template-literals.ts says how).
 */
export abstract class ProductStack extends TerraformStack {
  /**
   * cdktf renders and resolves every element of a stack once before synthesis, to find references to
   * another stack's resources and add remote state for them: a fifth of a 1000-workload synth (6.0 s
   * with, 4.9 s without: docs/benchmarks.md). The product's stacks never reference one another (they
   * are applied separately and wired by names and ARNs), and config values cannot hold references
   * (src/config/raw-document.ts), so that run finds nothing and is skipped; stack-references.test.ts
   * holds it to that. References from other stacks into a ProductStack still work: they are found by
   * the preparing run of the stack that holds them.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  override toTerraform(): ReturnType<TerraformStack["toTerraform"]> {
    this.encodeElements();
    return mapStrings(super.toTerraform(), decodeLiteralParts);
  }

  override toHclTerraform(): ReturnType<TerraformStack["toHclTerraform"]> {
    this.encodeElements();
    return mapStrings(super.toHclTerraform(), decodeLiteralParts);
  }

  /** Literal parts are encoded before cdktf resolves the tokens in them (it reads a raw `${` itself). */
  private encodeElements(): void {
    for (const node of this.node.findAll()) {
      if (!TerraformElement.isTerraformElement(node) || encoded.has(node)) continue;
      encoded.add(node);
      const toTerraform = node.toTerraform.bind(node);
      const toHclTerraform = node.toHclTerraform.bind(node);
      node.toTerraform = () => mapStrings(toTerraform(), encodeLiteralParts);
      node.toHclTerraform = () => mapStrings(toHclTerraform(), encodeLiteralParts);
    }
  }
}
