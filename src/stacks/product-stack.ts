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
