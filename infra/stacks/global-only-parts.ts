/**
 * What the global stacks use that AWS China (Beijing, Ningxia) does not offer, each with
 * the AWS China documentation page it comes from, and a checker that finds any of them
 * in a synthesized assembly. The mainland tests run it over the `aws-cn` assembly (and
 * over one with the user pool put back, which it must catch); an entry is added here
 * when the global stacks start using another part the China pages list as missing.
 */

/** One synthesized stack, as a cloud assembly gives it (`app.synth().stacks`). */
export interface AssemblyStack {
  stackName: string;
  environment: { region: string };
  template: unknown;
}

type Resource = { Type: string; Properties?: Record<string, unknown> };

/** Where in an assembly a global-only part was found. */
export interface GlobalOnlyFinding {
  part: string;
  stack: string;
  /** The logical id, or the stack itself for a stack-level finding. */
  where: string;
  source: string;
}

export interface GlobalOnlyPart {
  name: string;
  /** The AWS China page that says it is missing or different there. */
  source: string;
  /** A stack-level check (its region), if the part is a whole stack. */
  stack?: (s: AssemblyStack) => boolean;
  /** A resource-level check. */
  resource?: (r: Resource) => boolean;
}

const CHINA_DOCS = 'https://docs.amazonaws.cn/en_us/aws/latest/userguide';

/** Every IAM statement action of a policy or role resource, lower-cased. */
function actionsOf(r: Resource): string[] {
  const docs: unknown[] = [];
  if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
    docs.push(r.Properties?.PolicyDocument);
  if (r.Type === 'AWS::IAM::Role')
    for (const p of (r.Properties?.Policies as { PolicyDocument?: unknown }[] | undefined) ?? [])
      docs.push(p.PolicyDocument);
  return docs
    .flatMap((d) =>
      (
        ((d as { Statement?: { Action?: unknown }[] } | undefined)?.Statement ?? []) as { Action?: unknown }[]
      ).flatMap((st) =>
        (Array.isArray(st.Action) ? st.Action : [st.Action]).filter(
          (a): a is string => typeof a === 'string',
        ),
      ),
    )
    .map((a) => a.toLowerCase());
}

const distributionConfig = (r: Resource) =>
  (r.Properties?.DistributionConfig ?? {}) as {
    Aliases?: unknown[];
    ViewerCertificate?: Record<string, unknown>;
  };

/** The list, from the AWS China "Getting Started" pages (feature availability and differences). */
export const globalOnlyParts: readonly GlobalOnlyPart[] = [
  {
    name: 'a stack outside the China regions (the global stacks’ us-east-1 edge stack)',
    source: `${CHINA_DOCS}/general-info.html`,
    stack: (s) => s.environment.region === 'us-east-1' || !s.environment.region.startsWith('cn-'),
  },
  {
    name: 'a CLOUDFRONT-scope WAF web ACL (WAF is regional only in China)',
    source: `${CHINA_DOCS}/waf.html`,
    resource: (r) => r.Type === 'AWS::WAFv2::WebACL' && r.Properties?.Scope === 'CLOUDFRONT',
  },
  {
    name: 'a web ACL on a CloudFront distribution',
    source: `${CHINA_DOCS}/waf.html`,
    resource: (r) => r.Type === 'AWS::CloudFront::Distribution' && 'WebACLId' in distributionConfig(r),
  },
  {
    name: 'a Cognito user pool or one of its parts (domain, clients, groups, resource server, users)',
    source: `${CHINA_DOCS}/cognito.html`,
    resource: (r) => r.Type.startsWith('AWS::Cognito::UserPool'),
  },
  {
    name: 'an SNS SMS grant (sns:Publish to phone numbers)',
    source: `${CHINA_DOCS}/sns.html`,
    resource: (r) => actionsOf(r).some((a) => a === 'sns:publish' || a === 'sns:*'),
  },
  {
    // No "Getting Started in China" page for SES: it has no endpoint in the China regions.
    name: 'an SES identity or sending grant (SES has no endpoint in the China regions)',
    source: 'https://docs.amazonaws.cn/en_us/general/latest/gr/endpoints-Ningxia.html',
    resource: (r) => r.Type.startsWith('AWS::SES::') || actionsOf(r).some((a) => a.startsWith('ses:')),
  },
  {
    name: 'a CloudFront distribution without an alternate domain name (*.cloudfront.cn cannot serve)',
    source: `${CHINA_DOCS}/cloudfront.html`,
    resource: (r) => r.Type === 'AWS::CloudFront::Distribution' && !distributionConfig(r).Aliases?.length,
  },
  {
    name: 'an ACM certificate on CloudFront (China needs an IAM server certificate)',
    source: `${CHINA_DOCS}/cloudfront.html`,
    resource: (r) =>
      r.Type === 'AWS::CertificateManager::Certificate' ||
      (r.Type === 'AWS::CloudFront::Distribution' &&
        'AcmCertificateArn' in (distributionConfig(r).ViewerCertificate ?? {})),
  },
  {
    name: 'X-Ray tracing on a Lambda function',
    source: `${CHINA_DOCS}/lambda.html`,
    resource: (r) =>
      (r.Type === 'AWS::Lambda::Function' &&
        (r.Properties?.TracingConfig as { Mode?: string } | undefined)?.Mode === 'Active') ||
      actionsOf(r).some((a) => a.startsWith('xray:')),
  },
  {
    name: 'a Lambda function URL',
    source: `${CHINA_DOCS}/lambda.html`,
    resource: (r) => r.Type === 'AWS::Lambda::Url',
  },
  {
    name: 'a CloudFront Function or Lambda@Edge association',
    source: `${CHINA_DOCS}/cloudfront.html`,
    resource: (r) =>
      r.Type === 'AWS::CloudFront::Function' ||
      (r.Type === 'AWS::CloudFront::Distribution' &&
        /LambdaFunctionAssociations|FunctionAssociations/.test(JSON.stringify(r))),
  },
  {
    name: 'a CloudFront origin access control',
    source: 'https://github.com/awslabs/aws-solutions-constructs/issues/1050',
    resource: (r) => r.Type === 'AWS::CloudFront::OriginAccessControl',
  },
];

/** Every global-only part in the assembly's stacks; empty when it fits AWS China. */
export function findGlobalOnlyParts(stacks: readonly AssemblyStack[]): GlobalOnlyFinding[] {
  const found: GlobalOnlyFinding[] = [];
  for (const s of stacks) {
    const resources = ((s.template as { Resources?: Record<string, Resource> }).Resources ?? {}) as Record<
      string,
      Resource
    >;
    for (const part of globalOnlyParts) {
      if (part.stack?.(s))
        found.push({ part: part.name, stack: s.stackName, where: s.stackName, source: part.source });
      if (!part.resource) continue;
      for (const [id, r] of Object.entries(resources))
        if (part.resource(r))
          found.push({ part: part.name, stack: s.stackName, where: id, source: part.source });
    }
  }
  return found;
}
