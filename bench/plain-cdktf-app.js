// @ts-check
// The floor of the synth bench: a plain cdktf program, in plain JavaScript on bare node like our
// compiled app, that emits the same Terraform JSON as ours with none of our work (no config, model,
// checks or patterns). It reads what to emit from a file (bench/plain-cdktf-input.ts writes it from
// our synth) and rebuilds it the way a hand-written cdktf program would: one provider-class
// construct per resource, loaded by deep path, one TerraformOutput per output, the backend and the
// provider, each synthesized by cdktf. Attribute values are set as raw Terraform JSON (overrides), so
// the program does not translate every attribute back to its camelCase prop.
// It runs cdktf as it comes; with --lean it turns off what our app turns off (cdktf's token creation
// stacks and its preparing resolve run, see src/stacks/product-stack.ts), for a floor with the same
// switches.
// Usage: node bench/plain-cdktf-app.js <input.json> <outdir> [--lean]
"use strict";
const { readFileSync } = require("node:fs");
const { App, LocalBackend, S3Backend, TerraformOutput, TerraformStack } = require("cdktf");

/** A stack without cdktf's preparing resolve run, as ProductStack does it. */
class LeanStack extends TerraformStack {
  prepareStack() {
    this.ensureBackendExists();
  }
}

/** @typedef {Record<string, unknown>} Block */
/** @typedef {{ resource?: Record<string, Record<string, Block>>, provider?: Record<string, Block[]>, output?: Record<string, Block>, terraform: { backend?: Record<string, Block>, required_version?: string, required_providers?: Record<string, Block> } }} StackJson */

const BACKENDS = { s3: S3Backend, local: LocalBackend };

/** The provider class for a Terraform type, by deep path as the product imports them. */
function providerClass(/** @type {string} */ type) {
  const file = type === "aws" ? "provider" : type.replace(/^aws_/, "").replace(/_/g, "-");
  const mod = require(`@cdktf/provider-aws/lib/${file}`);
  const cls = Object.values(mod).find((c) => typeof c === "function" && (c.tfResourceType === type || (type === "aws" && c.tfResourceType === "aws")));
  if (!cls) throw new Error(`no provider class for ${type}`);
  return cls;
}

/** Sets every attribute of a Terraform JSON block on an element, as raw overrides. */
function setAttributes(/** @type {{ addOverride(path: string, value: unknown): void }} */ element, /** @type {Block} */ attributes) {
  for (const [key, value] of Object.entries(attributes)) element.addOverride(key, value);
}

/** @param {Record<string, StackJson>} stacks */
function plainApp(stacks, /** @type {string} */ outdir, lean = false) {
  const app = new App({ outdir });
  for (const [name, json] of Object.entries(stacks)) {
    const stack = lean ? new LeanStack(app, name) : new TerraformStack(app, name);
    for (const [type, configs] of Object.entries(json.provider ?? {})) {
      const Provider = providerClass(type);
      for (const config of configs) setAttributes(new Provider(stack, typeof config.alias === "string" ? `${type}-${config.alias}` : type, {}), config);
    }
    for (const [type, config] of Object.entries(json.terraform.backend ?? {})) {
      const Backend = BACKENDS[/** @type {keyof typeof BACKENDS} */ (type)];
      setAttributes(new Backend(stack, /** @type {any} */ ({})), config);
    }
    if (json.terraform.required_version) stack.addOverride("terraform.required_version", json.terraform.required_version);
    for (const [provider, requirement] of Object.entries(json.terraform.required_providers ?? {})) stack.addOverride(`terraform.required_providers.${provider}`, requirement);
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      const Resource = providerClass(type);
      for (const [address, attributes] of Object.entries(byName)) {
        const resource = new Resource(stack, `${type}.${address}`, {});
        resource.overrideLogicalId(address);
        setAttributes(resource, attributes);
      }
    }
    for (const [address, { value, ...rest }] of Object.entries(json.output ?? {})) {
      const output = new TerraformOutput(stack, address, { value });
      output.overrideLogicalId(address);
      setAttributes(output, rest);
    }
  }
  return app;
}

if (require.main === module) {
  const [input, outdir, flag] = process.argv.slice(2);
  const lean = flag === "--lean";
  if (lean) require("../dist/src/terraform/token-creation-stacks.js").skipTokenCreationStacks();
  plainApp(JSON.parse(readFileSync(input, "utf8")), outdir, lean).synth();
}

module.exports = { plainApp };
