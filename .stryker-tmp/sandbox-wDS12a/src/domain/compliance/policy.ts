// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { Type, type Static } from 'typebox';
const Nullable = stryMutAct_9fa48("370") ? () => undefined : (stryCov_9fa48("370"), (() => {
  const Nullable = <T extends Parameters<typeof Type.Union>[0][number],>(schema: T, description: string) => Type.Union(stryMutAct_9fa48("371") ? [] : (stryCov_9fa48("371"), [schema, Type.Null()]), stryMutAct_9fa48("372") ? {} : (stryCov_9fa48("372"), {
    description
  }));
  return Nullable;
})());

/**
 * Thresholds for one (ownership, platform) pair. A null threshold switches its rule off; `false` for a
 * "required" flag does the same.
 */
export const RuleSettingsSchema = Type.Object(stryMutAct_9fa48("373") ? {} : (stryCov_9fa48("373"), {
  encryptionRequired: Type.Boolean(stryMutAct_9fa48("374") ? {} : (stryCov_9fa48("374"), {
    description: stryMutAct_9fa48("375") ? "" : (stryCov_9fa48("375"), 'Storage encryption must be on')
  })),
  passcodeRequired: Type.Boolean(stryMutAct_9fa48("376") ? {} : (stryCov_9fa48("376"), {
    description: stryMutAct_9fa48("377") ? "" : (stryCov_9fa48("377"), 'A screen lock passcode must be set')
  })),
  passcodeMinLength: Nullable(Type.Integer(stryMutAct_9fa48("378") ? {} : (stryCov_9fa48("378"), {
    minimum: 1,
    maximum: 64
  })), stryMutAct_9fa48("379") ? "" : (stryCov_9fa48("379"), 'Minimum passcode length')),
  maxAutoLockMinutes: Nullable(Type.Integer(stryMutAct_9fa48("380") ? {} : (stryCov_9fa48("380"), {
    minimum: 0,
    maximum: 1440
  })), stryMutAct_9fa48("381") ? "" : (stryCov_9fa48("381"), 'Longest allowed auto-lock delay')),
  minOsVersion: Nullable(Type.String(stryMutAct_9fa48("382") ? {} : (stryCov_9fa48("382"), {
    pattern: stryMutAct_9fa48("383") ? "" : (stryCov_9fa48("383"), '^[0-9]+(\\.[0-9]+){0,3}$')
  })), stryMutAct_9fa48("384") ? "" : (stryCov_9fa48("384"), 'Lowest allowed OS version, e.g. 17.4 or 14')),
  maxPatchAgeDays: Nullable(Type.Integer(stryMutAct_9fa48("385") ? {} : (stryCov_9fa48("385"), {
    minimum: 1,
    maximum: 3650
  })), stryMutAct_9fa48("386") ? "" : (stryCov_9fa48("386"), 'Android only: oldest allowed security patch level, in days')),
  integrityRequired: Type.Boolean(stryMutAct_9fa48("387") ? {} : (stryCov_9fa48("387"), {
    description: stryMutAct_9fa48("388") ? "" : (stryCov_9fa48("388"), 'Device must not be rooted, jailbroken or otherwise compromised')
  })),
  maxCheckInAgeDays: Nullable(Type.Integer(stryMutAct_9fa48("389") ? {} : (stryCov_9fa48("389"), {
    minimum: 1,
    maximum: 365
  })), stryMutAct_9fa48("390") ? "" : (stryCov_9fa48("390"), 'Longest time since the device last reported')),
  mfaRequired: Type.Boolean(stryMutAct_9fa48("391") ? {} : (stryCov_9fa48("391"), {
    description: stryMutAct_9fa48("392") ? "" : (stryCov_9fa48("392"), 'The device user must have enrolled MFA')
  })),
  gracePeriodHours: Type.Integer(stryMutAct_9fa48("393") ? {} : (stryCov_9fa48("393"), {
    minimum: 0,
    maximum: stryMutAct_9fa48("394") ? 24 / 90 : (stryCov_9fa48("394"), 24 * 90),
    description: stryMutAct_9fa48("395") ? "" : (stryCov_9fa48("395"), 'Time to fix a failing rule before the device is non-compliant')
  }))
}));
export type RuleSettings = Static<typeof RuleSettingsSchema>;

/** What escalation can do. There is deliberately no full wipe: escalation never erases a whole device. */
export const ESCALATION_ACTIONS = ['NOTIFY_USER', 'NOTIFY_MANAGER', 'BLOCK', 'LOCK', 'WIPE_SELECTIVE'] as const;
export type EscalationAction = typeof ESCALATION_ACTIONS[number];
export const EscalationStepSchema = Type.Object(stryMutAct_9fa48("396") ? {} : (stryCov_9fa48("396"), {
  action: Type.Enum(ESCALATION_ACTIONS),
  afterHours: Type.Number(stryMutAct_9fa48("397") ? {} : (stryCov_9fa48("397"), {
    minimum: 0,
    maximum: stryMutAct_9fa48("398") ? 24 / 365 : (stryCov_9fa48("398"), 24 * 365),
    description: stryMutAct_9fa48("399") ? "" : (stryCov_9fa48("399"), 'Hours after the grace deadline')
  }))
}));
export type EscalationStep = Static<typeof EscalationStepSchema>;
const PerPlatform = Type.Object(stryMutAct_9fa48("400") ? {} : (stryCov_9fa48("400"), {
  APPLE: RuleSettingsSchema,
  ANDROID: RuleSettingsSchema
}));
const Escalation = Type.Array(EscalationStepSchema, stryMutAct_9fa48("401") ? {} : (stryCov_9fa48("401"), {
  maxItems: 10
}));
export const PolicyDocumentSchema = Type.Object(stryMutAct_9fa48("402") ? {} : (stryCov_9fa48("402"), {
  settings: Type.Object(stryMutAct_9fa48("403") ? {} : (stryCov_9fa48("403"), {
    CORPORATE: PerPlatform,
    PERSONAL: PerPlatform
  })),
  escalation: Type.Object(stryMutAct_9fa48("404") ? {} : (stryCov_9fa48("404"), {
    CORPORATE: Escalation,
    PERSONAL: Escalation
  }))
}), stryMutAct_9fa48("405") ? {} : (stryCov_9fa48("405"), {
  $id: stryMutAct_9fa48("406") ? "" : (stryCov_9fa48("406"), 'CompliancePolicyDocument')
}));
export type OwnershipKey = 'CORPORATE' | 'PERSONAL';
export type PlatformKey = 'APPLE' | 'ANDROID';
export interface PolicyDocument {
  settings: Record<OwnershipKey, Record<PlatformKey, RuleSettings>>;
  escalation: Record<OwnershipKey, EscalationStep[]>;
}

/** Escalation steps in the order they run: by delay, then as written. */
export function orderedSteps(steps: EscalationStep[]): EscalationStep[] {
  if (stryMutAct_9fa48("407")) {
    {}
  } else {
    stryCov_9fa48("407");
    return stryMutAct_9fa48("408") ? steps.map((step, index) => ({
      step,
      index
    })).map(({
      step
    }) => step) : (stryCov_9fa48("408"), steps.map(stryMutAct_9fa48("409") ? () => undefined : (stryCov_9fa48("409"), (step, index) => stryMutAct_9fa48("410") ? {} : (stryCov_9fa48("410"), {
      step,
      index
    }))).sort(stryMutAct_9fa48("411") ? () => undefined : (stryCov_9fa48("411"), (a, b) => stryMutAct_9fa48("414") ? a.step.afterHours - b.step.afterHours && a.index - b.index : stryMutAct_9fa48("413") ? false : stryMutAct_9fa48("412") ? true : (stryCov_9fa48("412", "413", "414"), (stryMutAct_9fa48("415") ? a.step.afterHours + b.step.afterHours : (stryCov_9fa48("415"), a.step.afterHours - b.step.afterHours)) || (stryMutAct_9fa48("416") ? a.index + b.index : (stryCov_9fa48("416"), a.index - b.index))))).map(stryMutAct_9fa48("417") ? () => undefined : (stryCov_9fa48("417"), ({
      step
    }) => step)));
  }
}

/** Problems a schema cannot express; an empty list means the document is usable. */
export function policyProblems(document: PolicyDocument): string[] {
  if (stryMutAct_9fa48("418")) {
    {}
  } else {
    stryCov_9fa48("418");
    const problems: string[] = stryMutAct_9fa48("419") ? ["Stryker was here"] : (stryCov_9fa48("419"), []);
    for (const ownership of ['CORPORATE', 'PERSONAL'] as const) {
      if (stryMutAct_9fa48("420")) {
        {}
      } else {
        stryCov_9fa48("420");
        const seen = new Set<string>();
        for (const step of document.escalation[ownership]) {
          if (stryMutAct_9fa48("421")) {
            {}
          } else {
            stryCov_9fa48("421");
            if (stryMutAct_9fa48("423") ? false : stryMutAct_9fa48("422") ? true : (stryCov_9fa48("422", "423"), seen.has(step.action))) problems.push(stryMutAct_9fa48("425") ? `` : (stryCov_9fa48("425"), `escalation.${ownership}: ${step.action} appears twice`));
            if (stryMutAct_9fa48("426")) {
              ;
            } else {
              stryCov_9fa48("426");
              seen.add(step.action);
            }
          }
        }
      }
    }
    return problems;
  }
}