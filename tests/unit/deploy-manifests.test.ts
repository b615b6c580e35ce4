import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'batch/v1/Job': Job,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

const manifests = parseAllDocuments(readFileSync(new URL('../../deploy/kubernetes/mdm.yaml', import.meta.url), 'utf8')).map((d) => d.toJS() as Manifest);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are free-form YAML; the schema test validates them
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name) as Record<string, any>;

function validate(manifest: Manifest) {
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
  new Model(manifest as never).validate();
}

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('every object is valid against the Kubernetes schemas', () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'ConfigMap/mdm-config', 'Deployment/mdm-api', 'Deployment/mdm-worker', 'HorizontalPodAutoscaler/mdm-worker',
      'Job/mdm-migrate', 'PodDisruptionBudget/mdm-api', 'PodDisruptionBudget/mdm-worker', 'Service/mdm-api',
    ]);
    for (const manifest of manifests) expect(() => validate(manifest), `${manifest.kind}/${manifest.metadata.name}`).not.toThrow();
  });

  it('the validation catches a malformed object', () => {
    const broken = structuredClone(find('Deployment', 'mdm-api'));
    broken.spec.replicas = 'two';
    expect(() => validate(broken as Manifest)).toThrow();
  });

  it('gives each Deployment probes and resource requests and limits, and the API readiness on /readyz', () => {
    for (const name of ['mdm-api', 'mdm-worker']) {
      for (const container of find('Deployment', name).spec.template.spec.containers) {
        expect(container.readinessProbe, name).toBeDefined();
        expect(container.livenessProbe, name).toBeDefined();
        expect(container.resources.requests, name).toBeDefined();
        expect(container.resources.limits, name).toBeDefined();
      }
    }
    const api = find('Deployment', 'mdm-api').spec.template.spec.containers[0];
    expect(api.readinessProbe.httpGet.path).toBe('/readyz');
    expect(api.livenessProbe.httpGet.path).toBe('/healthz');
  });

  it('points the Service, PDBs and HPA at the pods they are meant for', () => {
    const labels = (name: string) => find('Deployment', name).spec.template.metadata.labels;
    expect(labels('mdm-api')).toMatchObject(find('Service', 'mdm-api').spec.selector);
    expect(labels('mdm-api')).toMatchObject(find('PodDisruptionBudget', 'mdm-api').spec.selector.matchLabels);
    expect(labels('mdm-worker')).toMatchObject(find('PodDisruptionBudget', 'mdm-worker').spec.selector.matchLabels);
    expect(labels('mdm-api')).not.toMatchObject(find('PodDisruptionBudget', 'mdm-worker').spec.selector.matchLabels);
    expect(find('HorizontalPodAutoscaler', 'mdm-worker').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'mdm-worker' });
  });

  it('uses a Redis prefix hash-tagged for Redis Cluster', () => {
    expect(find('ConfigMap', 'mdm-config').data.REDIS_PREFIX).toBe('{mdm}');
  });
});
