/**
 * The synthesized cloud assembly, read the way CloudFormation would deploy it, for the
 * cloud topology: every stack's template from `manifest.json`, and a resolver that turns
 * the template's intrinsic functions into the values of this machine (the table in
 * DynamoDB Local, the local secrets, the loopback addresses of the emulated services).
 * What a resource's `Ref` or `Fn::GetAtt` stands for is supplied by the caller
 * (`physical`), so the resolver knows no resource type of its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A value read from a template: CloudFormation's JSON, whose shape the reader checks as it
 * goes (a template is the CDK's output, not user input).
 */
// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped by nature.
export type Json = any;

export interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
  Metadata?: Record<string, Json>;
}

export interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

export interface Stack {
  name: string;
  template: Template;
}

export interface Assembly {
  dir: string;
  stacks: Map<string, Stack>;
}

/** The stacks of a cloud assembly directory (`cdk synth -o DIR`). */
export function readAssembly(dir: string): Assembly {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const stacks = new Map<string, Stack>();
  for (const [name, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = JSON.parse(readFileSync(path.join(dir, artifact.properties.templateFile), 'utf8'));
    stacks.set(name, { name, template });
  }
  return { dir, stacks };
}

/** The resources of one type across the assembly, with their stack. */
export function resourcesOfType(assembly: Assembly, type: string) {
  const out: { stack: Stack; id: string; resource: Resource }[] = [];
  for (const stack of assembly.stacks.values())
    for (const [id, resource] of Object.entries(stack.template.Resources))
      if (resource.Type === type) out.push({ stack, id, resource });
  return out;
}

/**
 * What a resource stands for on this machine: `Ref` gives `ref`, `Fn::GetAtt` the named
 * attribute (undefined when this topology has no such thing).
 */
export type Physical = (
  stack: Stack,
  logicalId: string,
  resource: Resource,
) => { ref: string; attributes?: Record<string, string> } | undefined;

const PSEUDO: Record<string, string> = {
  'AWS::Region': 'ap-east-1',
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': '',
  'AWS::NoValue': '',
};

/** A resolver of a stack's intrinsics; it throws naming what it cannot resolve. */
export function resolverFor(assembly: Assembly, physical: Physical, pseudo: Record<string, string> = {}) {
  const exportsByName = new Map<string, { stack: Stack; value: unknown }>();
  for (const stack of assembly.stacks.values())
    for (const output of Object.values(stack.template.Outputs ?? {}))
      if (output.Export) exportsByName.set(String(output.Export.Name), { stack, value: output.Value });

  const resolve = (stack: Stack, value: unknown): Json => {
    if (Array.isArray(value)) return value.map((v) => resolve(stack, v));
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length !== 1 || !/^(Ref|Fn::)/.test(entries[0]![0]))
      return Object.fromEntries(entries.map(([k, v]) => [k, resolve(stack, v)]));
    const [fn, arg] = entries[0] as [string, Json];
    switch (fn) {
      case 'Ref': {
        const name = String(arg);
        if (name.startsWith('AWS::'))
          return name === 'AWS::StackName' ? stack.name : (pseudo[name] ?? PSEUDO[name] ?? '');
        const resource = stack.template.Resources[name];
        const found = resource && physical(stack, name, resource);
        if (!found) throw new Error(`${stack.name}: no local value for Ref ${name}`);
        return found.ref;
      }
      case 'Fn::GetAtt': {
        const [id, attribute] = (Array.isArray(arg) ? arg : String(arg).split('.')) as [string, string];
        const resource = stack.template.Resources[id];
        const found = resource && physical(stack, id, resource)?.attributes?.[attribute];
        if (found === undefined) throw new Error(`${stack.name}: no local value for ${id}.${attribute}`);
        return found;
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown[]];
        return (resolve(stack, parts) as unknown[]).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        return (resolve(stack, list) as unknown[])[Number(resolve(stack, index))];
      }
      case 'Fn::Split': {
        const [sep, text] = arg as [string, unknown];
        return String(resolve(stack, text)).split(sep);
      }
      case 'Fn::Sub': {
        const [text, vars] = (Array.isArray(arg) ? arg : [arg, {}]) as [string, Record<string, unknown>];
        return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
          if (name in vars) return String(resolve(stack, vars[name]));
          if (name.includes('.')) return String(resolve(stack, { 'Fn::GetAtt': name.split('.') }));
          return String(resolve(stack, { Ref: name }));
        });
      }
      case 'Fn::ImportValue': {
        const name = String(resolve(stack, arg));
        const found = exportsByName.get(name);
        if (!found) throw new Error(`${stack.name}: no export ${name}`);
        return resolve(found.stack, found.value);
      }
      case 'Fn::GetStackOutput': {
        const other = assembly.stacks.get(String(arg.StackName));
        const output = other?.template.Outputs?.[String(arg.OutputName)];
        if (!other || !output) throw new Error(`${stack.name}: no output ${arg.StackName}.${arg.OutputName}`);
        return resolve(other, output.Value);
      }
      default:
        throw new Error(`${stack.name}: ${fn} is not resolved by the cloud topology`);
    }
  };
  return resolve;
}
