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
import type { Ownership } from '../../generated/prisma/enums.js';
import type { ActionOptions, DeviceAction, PlannedCommand } from '../../commands/channel.js';
import { AppError } from '../../errors.js';
import type { AmapiCommand, AmapiOperation } from './amapi-types.js';

/** A command stays valid on AMAPI's side this long: a wipe must still reach a phone that is off for weeks. */
export const WIPE_COMMAND_DURATION = stryMutAct_9fa48("1119") ? `` : (stryCov_9fa48("1119"), `${stryMutAct_9fa48("1120") ? 30 / 86_400 : (stryCov_9fa48("1120"), 30 * 86_400)}s`);
export const DEFAULT_COMMAND_DURATION = stryMutAct_9fa48("1121") ? "" : (stryCov_9fa48("1121"), '600s');
export const LOST_MODE_DURATION = stryMutAct_9fa48("1122") ? `` : (stryCov_9fa48("1122"), `${86_400}s`);
export interface AndroidTarget {
  ownership: Ownership;
  /** DEVICE_OWNER (fully managed) or PROFILE_OWNER (work profile, BYOD or company-owned); null before enrolment. */
  managementMode: string | null;
}
const message = stryMutAct_9fa48("1123") ? () => undefined : (stryCov_9fa48("1123"), (() => {
  const message = (text: string) => stryMutAct_9fa48("1124") ? {} : (stryCov_9fa48("1124"), {
    defaultMessage: text
  });
  return message;
})());

/**
 * Chooses the AMAPI command for a generic action:
 * - LOCK → LOCK.
 * - WIPE_SELECTIVE → on a personally-owned work profile, WIPE (AMAPI removes the work profile only); on a
 *   company-owned work profile (COPE), RELINQUISH_OWNERSHIP (removes the work profile, leaves the personal side);
 *   refused on a fully managed device, whose only selective option would be a factory reset.
 * - WIPE_FULL → WIPE (factory reset) on company-owned devices; refused on personally-owned ones: the organisation
 *   may only remove its work profile from someone's own phone.
 */
export function planAndroidAction(target: AndroidTarget, action: DeviceAction, options: ActionOptions): PlannedCommand {
  if (stryMutAct_9fa48("1125")) {
    {}
  } else {
    stryCov_9fa48("1125");
    if (stryMutAct_9fa48("1128") ? false : stryMutAct_9fa48("1127") ? true : stryMutAct_9fa48("1126") ? target.managementMode : (stryCov_9fa48("1126", "1127", "1128"), !target.managementMode)) {
      if (stryMutAct_9fa48("1129")) {
        {}
      } else {
        stryCov_9fa48("1129");
        throw new AppError(stryMutAct_9fa48("1131") ? "" : (stryCov_9fa48("1131"), 'UNPROCESSABLE'), stryMutAct_9fa48("1132") ? "" : (stryCov_9fa48("1132"), 'The Android device has not finished enrolment; nothing can be sent to it yet'));
      }
    }
    const workProfile = stryMutAct_9fa48("1135") ? target.managementMode !== 'PROFILE_OWNER' : stryMutAct_9fa48("1134") ? false : stryMutAct_9fa48("1133") ? true : (stryCov_9fa48("1133", "1134", "1135"), target.managementMode === (stryMutAct_9fa48("1136") ? "" : (stryCov_9fa48("1136"), 'PROFILE_OWNER')));
    const reason = message(stryMutAct_9fa48("1137") ? options.message && 'Your organisation has removed its data from this device.' : (stryCov_9fa48("1137"), options.message ?? (stryMutAct_9fa48("1138") ? "" : (stryCov_9fa48("1138"), 'Your organisation has removed its data from this device.'))));
    switch (action) {
      case stryMutAct_9fa48("1140") ? "" : (stryCov_9fa48("1140"), 'LOCK'):
        if (stryMutAct_9fa48("1139")) {} else {
          stryCov_9fa48("1139");
          return stryMutAct_9fa48("1141") ? {} : (stryCov_9fa48("1141"), {
            requestType: stryMutAct_9fa48("1142") ? "" : (stryCov_9fa48("1142"), 'LOCK'),
            payload: stryMutAct_9fa48("1143") ? {} : (stryCov_9fa48("1143"), {
              type: stryMutAct_9fa48("1144") ? "" : (stryCov_9fa48("1144"), 'LOCK'),
              duration: DEFAULT_COMMAND_DURATION
            }),
            effect: workProfile ? stryMutAct_9fa48("1145") ? "" : (stryCov_9fa48("1145"), 'Locks the work profile (the whole screen when the work profile shares the device lock); personal apps stay usable only on a separate lock.') : stryMutAct_9fa48("1146") ? "" : (stryCov_9fa48("1146"), 'Locks the device as if its screen timeout had expired.')
          });
        }
      case stryMutAct_9fa48("1148") ? "" : (stryCov_9fa48("1148"), 'WIPE_SELECTIVE'):
        if (stryMutAct_9fa48("1147")) {} else {
          stryCov_9fa48("1147");
          if (stryMutAct_9fa48("1151") ? target.ownership !== 'PERSONAL' : stryMutAct_9fa48("1150") ? false : stryMutAct_9fa48("1149") ? true : (stryCov_9fa48("1149", "1150", "1151"), target.ownership === (stryMutAct_9fa48("1152") ? "" : (stryCov_9fa48("1152"), 'PERSONAL')))) {
            if (stryMutAct_9fa48("1153")) {
              {}
            } else {
              stryCov_9fa48("1153");
              return stryMutAct_9fa48("1154") ? {} : (stryCov_9fa48("1154"), {
                requestType: stryMutAct_9fa48("1155") ? "" : (stryCov_9fa48("1155"), 'WIPE'),
                payload: stryMutAct_9fa48("1156") ? {} : (stryCov_9fa48("1156"), {
                  type: stryMutAct_9fa48("1157") ? "" : (stryCov_9fa48("1157"), 'WIPE'),
                  duration: WIPE_COMMAND_DURATION,
                  wipeParams: stryMutAct_9fa48("1158") ? {} : (stryCov_9fa48("1158"), {
                    wipeReason: reason
                  })
                }),
                effect: stryMutAct_9fa48("1159") ? "" : (stryCov_9fa48("1159"), 'Removes the work profile only; personal apps and data on the device are untouched.')
              });
            }
          }
          if (stryMutAct_9fa48("1161") ? false : stryMutAct_9fa48("1160") ? true : (stryCov_9fa48("1160", "1161"), workProfile)) {
            if (stryMutAct_9fa48("1162")) {
              {}
            } else {
              stryCov_9fa48("1162");
              return stryMutAct_9fa48("1163") ? {} : (stryCov_9fa48("1163"), {
                requestType: stryMutAct_9fa48("1164") ? "" : (stryCov_9fa48("1164"), 'RELINQUISH_OWNERSHIP'),
                payload: stryMutAct_9fa48("1165") ? {} : (stryCov_9fa48("1165"), {
                  type: stryMutAct_9fa48("1166") ? "" : (stryCov_9fa48("1166"), 'RELINQUISH_OWNERSHIP'),
                  duration: WIPE_COMMAND_DURATION
                }),
                effect: stryMutAct_9fa48("1167") ? "" : (stryCov_9fa48("1167"), 'Removes the work profile and releases this company-owned device to personal use; personal data is kept.')
              });
            }
          }
          throw new AppError(stryMutAct_9fa48("1169") ? "" : (stryCov_9fa48("1169"), 'UNPROCESSABLE'), stryMutAct_9fa48("1170") ? "" : (stryCov_9fa48("1170"), 'A fully managed Android device has no separate work data to remove; use a full wipe (factory reset) instead'));
        }
      case stryMutAct_9fa48("1172") ? "" : (stryCov_9fa48("1172"), 'WIPE_FULL'):
        if (stryMutAct_9fa48("1171")) {} else {
          stryCov_9fa48("1171");
          if (stryMutAct_9fa48("1175") ? target.ownership !== 'PERSONAL' : stryMutAct_9fa48("1174") ? false : stryMutAct_9fa48("1173") ? true : (stryCov_9fa48("1173", "1174", "1175"), target.ownership === (stryMutAct_9fa48("1176") ? "" : (stryCov_9fa48("1176"), 'PERSONAL')))) {
            if (stryMutAct_9fa48("1177")) {
              {}
            } else {
              stryCov_9fa48("1177");
              throw new AppError(stryMutAct_9fa48("1179") ? "" : (stryCov_9fa48("1179"), 'UNPROCESSABLE'), stryMutAct_9fa48("1180") ? "" : (stryCov_9fa48("1180"), 'A personally-owned Android device cannot be factory reset by the organisation; a selective wipe removes the work profile'));
            }
          }
          return stryMutAct_9fa48("1181") ? {} : (stryCov_9fa48("1181"), {
            requestType: stryMutAct_9fa48("1182") ? "" : (stryCov_9fa48("1182"), 'WIPE'),
            payload: stryMutAct_9fa48("1183") ? {} : (stryCov_9fa48("1183"), {
              type: stryMutAct_9fa48("1184") ? "" : (stryCov_9fa48("1184"), 'WIPE'),
              duration: WIPE_COMMAND_DURATION,
              wipeParams: stryMutAct_9fa48("1185") ? {} : (stryCov_9fa48("1185"), {
                wipeDataFlags: stryMutAct_9fa48("1186") ? [] : (stryCov_9fa48("1186"), [stryMutAct_9fa48("1187") ? "" : (stryCov_9fa48("1187"), 'WIPE_EXTERNAL_STORAGE')]),
                wipeReason: reason
              })
            }),
            effect: stryMutAct_9fa48("1188") ? "" : (stryCov_9fa48("1188"), 'Factory resets the company-owned device: every app and all data, including external storage, are erased.')
          });
        }
    }
  }
}
export interface OperationOutcome {
  done: boolean;
  succeeded: boolean;
  /** Stored on Command.result (success) or Command.error (failure); never contains a password. */
  detail: Record<string, unknown>;
}

// Lost-mode statuses meaning the device ended up in the requested state; any other value (RESET_PASSWORD_RECENTLY, ...) failed.
const REACHED_STATUS = new Set(stryMutAct_9fa48("1189") ? [] : (stryCov_9fa48("1189"), [stryMutAct_9fa48("1190") ? "" : (stryCov_9fa48("1190"), 'SUCCESS'), stryMutAct_9fa48("1191") ? "" : (stryCov_9fa48("1191"), 'ALREADY_IN_LOST_MODE'), stryMutAct_9fa48("1192") ? "" : (stryCov_9fa48("1192"), 'NOT_IN_LOST_MODE')]));

/**
 * Classifies an Operation the way AMAPI's Command docs advise: command-specific status first, then
 * Command.errorCode, then Operation.error.
 */
export function operationOutcome(operation: AmapiOperation): OperationOutcome {
  if (stryMutAct_9fa48("1193")) {
    {}
  } else {
    stryCov_9fa48("1193");
    const {
      newPassword: _secret,
      ...metadata
    } = stryMutAct_9fa48("1194") ? operation.metadata && {} : (stryCov_9fa48("1194"), operation.metadata ?? {});
    const detail: Record<string, unknown> = stryMutAct_9fa48("1195") ? {} : (stryCov_9fa48("1195"), {
      operation: operation.name,
      type: metadata.type
    });
    if (stryMutAct_9fa48("1198") ? false : stryMutAct_9fa48("1197") ? true : stryMutAct_9fa48("1196") ? operation.done : (stryCov_9fa48("1196", "1197", "1198"), !operation.done)) return stryMutAct_9fa48("1199") ? {} : (stryCov_9fa48("1199"), {
      done: stryMutAct_9fa48("1200") ? true : (stryCov_9fa48("1200"), false),
      succeeded: stryMutAct_9fa48("1201") ? true : (stryCov_9fa48("1201"), false),
      detail
    });
    const specific = stryMutAct_9fa48("1202") ? metadata.startLostModeStatus?.status && metadata.stopLostModeStatus?.status : (stryCov_9fa48("1202"), (stryMutAct_9fa48("1203") ? metadata.startLostModeStatus.status : (stryCov_9fa48("1203"), metadata.startLostModeStatus?.status)) ?? (stryMutAct_9fa48("1204") ? metadata.stopLostModeStatus.status : (stryCov_9fa48("1204"), metadata.stopLostModeStatus?.status)));
    if (stryMutAct_9fa48("1206") ? false : stryMutAct_9fa48("1205") ? true : (stryCov_9fa48("1205", "1206"), specific)) {
      if (stryMutAct_9fa48("1207")) {
        {}
      } else {
        stryCov_9fa48("1207");
        detail.status = specific;
        return stryMutAct_9fa48("1208") ? {} : (stryCov_9fa48("1208"), {
          done: stryMutAct_9fa48("1209") ? false : (stryCov_9fa48("1209"), true),
          succeeded: REACHED_STATUS.has(specific),
          detail
        });
      }
    }
    if (stryMutAct_9fa48("1212") ? metadata.errorCode || metadata.errorCode !== 'COMMAND_ERROR_CODE_UNSPECIFIED' : stryMutAct_9fa48("1211") ? false : stryMutAct_9fa48("1210") ? true : (stryCov_9fa48("1210", "1211", "1212"), metadata.errorCode && (stryMutAct_9fa48("1214") ? metadata.errorCode === 'COMMAND_ERROR_CODE_UNSPECIFIED' : stryMutAct_9fa48("1213") ? true : (stryCov_9fa48("1213", "1214"), metadata.errorCode !== (stryMutAct_9fa48("1215") ? "" : (stryCov_9fa48("1215"), 'COMMAND_ERROR_CODE_UNSPECIFIED')))))) {
      if (stryMutAct_9fa48("1216")) {
        {}
      } else {
        stryCov_9fa48("1216");
        detail.errorCode = metadata.errorCode;
        if (stryMutAct_9fa48("1219") ? operation.error.message : stryMutAct_9fa48("1218") ? false : stryMutAct_9fa48("1217") ? true : (stryCov_9fa48("1217", "1218", "1219"), operation.error?.message)) detail.message = operation.error.message;
        return stryMutAct_9fa48("1220") ? {} : (stryCov_9fa48("1220"), {
          done: stryMutAct_9fa48("1221") ? false : (stryCov_9fa48("1221"), true),
          succeeded: stryMutAct_9fa48("1222") ? true : (stryCov_9fa48("1222"), false),
          detail
        });
      }
    }
    if (stryMutAct_9fa48("1224") ? false : stryMutAct_9fa48("1223") ? true : (stryCov_9fa48("1223", "1224"), operation.error)) {
      if (stryMutAct_9fa48("1225")) {
        {}
      } else {
        stryCov_9fa48("1225");
        detail.code = operation.error.code;
        detail.message = operation.error.message;
        return stryMutAct_9fa48("1226") ? {} : (stryCov_9fa48("1226"), {
          done: stryMutAct_9fa48("1227") ? false : (stryCov_9fa48("1227"), true),
          succeeded: stryMutAct_9fa48("1228") ? true : (stryCov_9fa48("1228"), false),
          detail
        });
      }
    }
    return stryMutAct_9fa48("1229") ? {} : (stryCov_9fa48("1229"), {
      done: stryMutAct_9fa48("1230") ? false : (stryCov_9fa48("1230"), true),
      succeeded: stryMutAct_9fa48("1231") ? false : (stryCov_9fa48("1231"), true),
      detail
    });
  }
}

/** Redacts what must never be stored: the new password of RESET_PASSWORD. */
export function redactCommand(command: AmapiCommand): AmapiCommand {
  if (stryMutAct_9fa48("1232")) {
    {}
  } else {
    stryCov_9fa48("1232");
    const {
      newPassword,
      ...rest
    } = command;
    return (stryMutAct_9fa48("1235") ? newPassword !== undefined : stryMutAct_9fa48("1234") ? false : stryMutAct_9fa48("1233") ? true : (stryCov_9fa48("1233", "1234", "1235"), newPassword === undefined)) ? rest : stryMutAct_9fa48("1236") ? {} : (stryCov_9fa48("1236"), {
      ...rest,
      newPassword: stryMutAct_9fa48("1237") ? "" : (stryCov_9fa48("1237"), '[redacted]')
    });
  }
}