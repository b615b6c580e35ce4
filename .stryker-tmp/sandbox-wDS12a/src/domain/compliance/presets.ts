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
import type { EscalationStep, PolicyDocument, RuleSettings } from './policy.js';

/**
 * Ready-made policies, each named after the guidance it follows. docs/compliance-presets.md explains every
 * number and where it comes from; keep the two in step.
 */
export interface Preset {
  id: string;
  name: string;
  guidance: string;
  document: PolicyDocument;
}

// Oldest versions still receiving security fixes from the vendor (Apple: current major and the one before;
// Google: the last four Android releases). "Supported software" is a Cyber Essentials requirement.
const SUPPORTED_IOS = stryMutAct_9fa48("427") ? "" : (stryCov_9fa48("427"), '17.0');
const SUPPORTED_ANDROID = stryMutAct_9fa48("428") ? "" : (stryCov_9fa48("428"), '13');

// Apple MDM reports no jailbreak signal, so an integrity rule would leave every iPhone UNKNOWN for good; presets
// switch it off for Apple until posture carries one (e.g. from DevicePropertiesAttestation).
const apple = stryMutAct_9fa48("429") ? () => undefined : (stryCov_9fa48("429"), (() => {
  const apple = (settings: Omit<RuleSettings, 'maxPatchAgeDays' | 'minOsVersion'>): RuleSettings => stryMutAct_9fa48("430") ? {} : (stryCov_9fa48("430"), {
    ...settings,
    integrityRequired: stryMutAct_9fa48("431") ? true : (stryCov_9fa48("431"), false),
    minOsVersion: SUPPORTED_IOS,
    maxPatchAgeDays: null
  });
  return apple;
})());
const android = stryMutAct_9fa48("432") ? () => undefined : (stryCov_9fa48("432"), (() => {
  const android = (settings: Omit<RuleSettings, 'minOsVersion'>): RuleSettings => stryMutAct_9fa48("433") ? {} : (stryCov_9fa48("433"), {
    ...settings,
    minOsVersion: SUPPORTED_ANDROID
  });
  return android;
})());
const both = (settings: RuleSettings & {
  maxPatchAgeDays: number | null;
}) => {
  if (stryMutAct_9fa48("434")) {
    {}
  } else {
    stryCov_9fa48("434");
    const {
      maxPatchAgeDays,
      minOsVersion: _ignored,
      ...common
    } = settings;
    return stryMutAct_9fa48("435") ? {} : (stryCov_9fa48("435"), {
      APPLE: apple(common),
      ANDROID: android(stryMutAct_9fa48("436") ? {} : (stryCov_9fa48("436"), {
        ...common,
        maxPatchAgeDays
      }))
    });
  }
};
const steps = stryMutAct_9fa48("437") ? () => undefined : (stryCov_9fa48("437"), (() => {
  const steps = (...list: [EscalationStep['action'], number][]): EscalationStep[] => list.map(stryMutAct_9fa48("438") ? () => undefined : (stryCov_9fa48("438"), ([action, afterHours]) => stryMutAct_9fa48("439") ? {} : (stryCov_9fa48("439"), {
    action,
    afterHours
  })));
  return steps;
})());
const cyberEssentialsSettings = stryMutAct_9fa48("440") ? {} : (stryCov_9fa48("440"), {
  encryptionRequired: stryMutAct_9fa48("441") ? false : (stryCov_9fa48("441"), true),
  passcodeRequired: stryMutAct_9fa48("442") ? false : (stryCov_9fa48("442"), true),
  passcodeMinLength: 6,
  maxAutoLockMinutes: null,
  minOsVersion: null,
  maxPatchAgeDays: 14,
  integrityRequired: stryMutAct_9fa48("443") ? false : (stryCov_9fa48("443"), true),
  maxCheckInAgeDays: 14,
  mfaRequired: stryMutAct_9fa48("444") ? false : (stryCov_9fa48("444"), true),
  gracePeriodHours: 72
});

/** NHS DSPT-style corporate settings, shared by the nhs-dspt and strict-byod presets. */
const dspt = stryMutAct_9fa48("445") ? {} : (stryCov_9fa48("445"), {
  settings: both(stryMutAct_9fa48("446") ? {} : (stryCov_9fa48("446"), {
    ...cyberEssentialsSettings,
    maxAutoLockMinutes: 5,
    maxCheckInAgeDays: 7,
    gracePeriodHours: 48
  })),
  corporateEscalation: steps(stryMutAct_9fa48("447") ? [] : (stryCov_9fa48("447"), [stryMutAct_9fa48("448") ? "" : (stryCov_9fa48("448"), 'NOTIFY_USER'), 0]), stryMutAct_9fa48("449") ? [] : (stryCov_9fa48("449"), [stryMutAct_9fa48("450") ? "" : (stryCov_9fa48("450"), 'NOTIFY_MANAGER'), 0]), stryMutAct_9fa48("451") ? [] : (stryCov_9fa48("451"), [stryMutAct_9fa48("452") ? "" : (stryCov_9fa48("452"), 'BLOCK'), 24]), stryMutAct_9fa48("453") ? [] : (stryCov_9fa48("453"), [stryMutAct_9fa48("454") ? "" : (stryCov_9fa48("454"), 'LOCK'), 72]), stryMutAct_9fa48("455") ? [] : (stryCov_9fa48("455"), [stryMutAct_9fa48("456") ? "" : (stryCov_9fa48("456"), 'WIPE_SELECTIVE'), stryMutAct_9fa48("457") ? 24 / 14 : (stryCov_9fa48("457"), 24 * 14)]))
});
export const PRESETS: Preset[] = stryMutAct_9fa48("458") ? [] : (stryCov_9fa48("458"), [stryMutAct_9fa48("459") ? {} : (stryCov_9fa48("459"), {
  id: stryMutAct_9fa48("460") ? "" : (stryCov_9fa48("460"), 'cyber-essentials'),
  name: stryMutAct_9fa48("461") ? "" : (stryCov_9fa48("461"), 'Cyber Essentials'),
  guidance: (stryMutAct_9fa48("462") ? "" : (stryCov_9fa48("462"), 'NCSC Cyber Essentials, "Requirements for IT infrastructure": device unlock with a PIN or password of at least 6 characters, ')) + (stryMutAct_9fa48("463") ? "" : (stryCov_9fa48("463"), 'supported software only, critical and high-risk updates within 14 days, multi-factor authentication for cloud services.')),
  document: stryMutAct_9fa48("464") ? {} : (stryCov_9fa48("464"), {
    settings: stryMutAct_9fa48("465") ? {} : (stryCov_9fa48("465"), {
      CORPORATE: both(cyberEssentialsSettings),
      PERSONAL: both(cyberEssentialsSettings)
    }),
    escalation: stryMutAct_9fa48("466") ? {} : (stryCov_9fa48("466"), {
      CORPORATE: steps(stryMutAct_9fa48("467") ? [] : (stryCov_9fa48("467"), [stryMutAct_9fa48("468") ? "" : (stryCov_9fa48("468"), 'NOTIFY_USER'), 0]), stryMutAct_9fa48("469") ? [] : (stryCov_9fa48("469"), [stryMutAct_9fa48("470") ? "" : (stryCov_9fa48("470"), 'NOTIFY_MANAGER'), 24]), stryMutAct_9fa48("471") ? [] : (stryCov_9fa48("471"), [stryMutAct_9fa48("472") ? "" : (stryCov_9fa48("472"), 'BLOCK'), 72])),
      PERSONAL: steps(stryMutAct_9fa48("473") ? [] : (stryCov_9fa48("473"), [stryMutAct_9fa48("474") ? "" : (stryCov_9fa48("474"), 'NOTIFY_USER'), 0]), stryMutAct_9fa48("475") ? [] : (stryCov_9fa48("475"), [stryMutAct_9fa48("476") ? "" : (stryCov_9fa48("476"), 'NOTIFY_MANAGER'), 24]), stryMutAct_9fa48("477") ? [] : (stryCov_9fa48("477"), [stryMutAct_9fa48("478") ? "" : (stryCov_9fa48("478"), 'BLOCK'), 72]))
    })
  })
}), stryMutAct_9fa48("479") ? {} : (stryCov_9fa48("479"), {
  id: stryMutAct_9fa48("480") ? "" : (stryCov_9fa48("480"), 'nhs-dspt'),
  name: stryMutAct_9fa48("481") ? "" : (stryCov_9fa48("481"), 'NHS DSPT-style mobile devices'),
  guidance: (stryMutAct_9fa48("482") ? "" : (stryCov_9fa48("482"), 'NHS Data Security and Protection Toolkit mobile-device evidence (encrypted, supported and patched devices, MFA for remote access) ')) + (stryMutAct_9fa48("483") ? "" : (stryCov_9fa48("483"), 'with the NCSC Mobile Device Guidance settings for screen lock: Cyber Essentials plus a 5-minute auto-lock, ')) + (stryMutAct_9fa48("484") ? "" : (stryCov_9fa48("484"), 'weekly check-in and a shorter grace period, lock and selective wipe for corporate devices.')),
  document: stryMutAct_9fa48("485") ? {} : (stryCov_9fa48("485"), {
    settings: stryMutAct_9fa48("486") ? {} : (stryCov_9fa48("486"), {
      CORPORATE: dspt.settings,
      PERSONAL: dspt.settings
    }),
    escalation: stryMutAct_9fa48("487") ? {} : (stryCov_9fa48("487"), {
      CORPORATE: dspt.corporateEscalation,
      PERSONAL: steps(stryMutAct_9fa48("488") ? [] : (stryCov_9fa48("488"), [stryMutAct_9fa48("489") ? "" : (stryCov_9fa48("489"), 'NOTIFY_USER'), 0]), stryMutAct_9fa48("490") ? [] : (stryCov_9fa48("490"), [stryMutAct_9fa48("491") ? "" : (stryCov_9fa48("491"), 'NOTIFY_MANAGER'), 24]), stryMutAct_9fa48("492") ? [] : (stryCov_9fa48("492"), [stryMutAct_9fa48("493") ? "" : (stryCov_9fa48("493"), 'BLOCK'), 24]), stryMutAct_9fa48("494") ? [] : (stryCov_9fa48("494"), [stryMutAct_9fa48("495") ? "" : (stryCov_9fa48("495"), 'WIPE_SELECTIVE'), stryMutAct_9fa48("496") ? 24 / 14 : (stryCov_9fa48("496"), 24 * 14)]))
    })
  })
}), stryMutAct_9fa48("497") ? {} : (stryCov_9fa48("497"), {
  id: stryMutAct_9fa48("498") ? "" : (stryCov_9fa48("498"), 'strict-byod'),
  name: stryMutAct_9fa48("499") ? "" : (stryCov_9fa48("499"), 'Strict BYOD'),
  guidance: (stryMutAct_9fa48("500") ? "" : (stryCov_9fa48("500"), 'For personal phones holding patient or staff data (NCSC BYOD guidance: protect the work data, leave the rest of the phone alone): ')) + (stryMutAct_9fa48("501") ? "" : (stryCov_9fa48("501"), 'auto-lock within 2 minutes, 6-character passcode, patches within 14 days, check-in every 3 days, 24 hours to fix, ')) + (stryMutAct_9fa48("502") ? "" : (stryCov_9fa48("502"), 'then block access and remove the work data (selective wipe) after 7 days. Corporate devices follow the NHS DSPT-style settings.')),
  document: stryMutAct_9fa48("503") ? {} : (stryCov_9fa48("503"), {
    settings: stryMutAct_9fa48("504") ? {} : (stryCov_9fa48("504"), {
      CORPORATE: dspt.settings,
      PERSONAL: both(stryMutAct_9fa48("505") ? {} : (stryCov_9fa48("505"), {
        ...cyberEssentialsSettings,
        maxAutoLockMinutes: 2,
        maxCheckInAgeDays: 3,
        gracePeriodHours: 24
      }))
    }),
    escalation: stryMutAct_9fa48("506") ? {} : (stryCov_9fa48("506"), {
      CORPORATE: dspt.corporateEscalation,
      PERSONAL: steps(stryMutAct_9fa48("507") ? [] : (stryCov_9fa48("507"), [stryMutAct_9fa48("508") ? "" : (stryCov_9fa48("508"), 'NOTIFY_USER'), 0]), stryMutAct_9fa48("509") ? [] : (stryCov_9fa48("509"), [stryMutAct_9fa48("510") ? "" : (stryCov_9fa48("510"), 'NOTIFY_MANAGER'), 0]), stryMutAct_9fa48("511") ? [] : (stryCov_9fa48("511"), [stryMutAct_9fa48("512") ? "" : (stryCov_9fa48("512"), 'BLOCK'), 0]), stryMutAct_9fa48("513") ? [] : (stryCov_9fa48("513"), [stryMutAct_9fa48("514") ? "" : (stryCov_9fa48("514"), 'WIPE_SELECTIVE'), stryMutAct_9fa48("515") ? 24 / 7 : (stryCov_9fa48("515"), 24 * 7)]))
    })
  })
})]);
export function findPreset(id: string): Preset | undefined {
  if (stryMutAct_9fa48("516")) {
    {}
  } else {
    stryCov_9fa48("516");
    return PRESETS.find(stryMutAct_9fa48("517") ? () => undefined : (stryCov_9fa48("517"), p => stryMutAct_9fa48("520") ? p.id !== id : stryMutAct_9fa48("519") ? false : stryMutAct_9fa48("518") ? true : (stryCov_9fa48("518", "519", "520"), p.id === id)));
  }
}