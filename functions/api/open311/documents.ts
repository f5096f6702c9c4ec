/**
 * Open311 GeoReport v2 documents in both formats: the JSON bodies are the spec's
 * arrays and objects, the XML ones its elements (`services/service`,
 * `service_definition/attributes/attribute/values/value`, `service_requests/request`,
 * `discovery/endpoints/endpoint/formats/format`, `errors/error`).
 */
import type { Open311Attribute, Open311Request, Open311Service } from '../../domain/critiques/open311.js';
import { leaf, node, record, xmlDocument } from './xml.js';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's behaviour last changed (the spec's `changeset`). */
export const CHANGESET = '2026-11-01T00:00:00+08:00';

export interface Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: {
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }[];
}

export function discovery(baseUrl: string): Discovery {
  return {
    changeset: CHANGESET,
    contact: '效能办（机关效能建设办公室） Efficiency office — via the find-fault window at /critiques',
    key_service:
      'api_key 由效能办签发：请联系效能办申请 (api_keys are issued by the efficiency office on request)',
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${baseUrl}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}

export function discoveryXml(d: Discovery): string {
  return xmlDocument(
    node('discovery', [
      leaf('changeset', d.changeset),
      leaf('contact', d.contact),
      leaf('key_service', d.key_service),
      node(
        'endpoints',
        d.endpoints.map((e) =>
          node('endpoint', [
            leaf('specification', e.specification),
            leaf('url', e.url),
            leaf('changeset', e.changeset),
            leaf('type', e.type),
            node(
              'formats',
              e.formats.map((f) => leaf('format', f)),
            ),
          ]),
        ),
      ),
    ]),
  );
}

export function servicesXml(services: readonly Open311Service[]): string {
  return xmlDocument(
    node(
      'services',
      services.map((s) => record('service', { ...s })),
    ),
  );
}

function attributeXml(a: Open311Attribute): string {
  const { values, ...scalars } = a;
  return node('attribute', [
    ...Object.entries(scalars).map(([k, v]) => leaf(k, v)),
    ...(values
      ? [
          node(
            'values',
            values.map((v) => record('value', { ...v })),
          ),
        ]
      : []),
  ]);
}

export function definitionXml(d: { service_code: string; attributes: Open311Attribute[] }): string {
  return xmlDocument(
    node('service_definition', [
      leaf('service_code', d.service_code),
      node('attributes', d.attributes.map(attributeXml)),
    ]),
  );
}

export function requestsXml(requests: readonly (Open311Request | Record<string, string | null>)[]): string {
  return xmlDocument(
    node(
      'service_requests',
      requests.map((r) => record('request', { ...r })),
    ),
  );
}

export function errorsJson(code: number, description: string) {
  return [{ code, description }];
}

export function errorsXml(code: number, description: string): string {
  return xmlDocument(node('errors', [node('error', [leaf('code', code), leaf('description', description)])]));
}
