/** Minutes after midnight (UTC) at which working hours start and end; `end < start` spans midnight (night shift). */
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
export interface OfficeHours {
  startMinute: number;
  endMinute: number;
}
export function parseOfficeHours(spec: string): OfficeHours {
  if (stryMutAct_9fa48("1072")) {
    {}
  } else {
    stryCov_9fa48("1072");
    const match = (stryMutAct_9fa48("1082") ? /^(\d{2}):(\d{2})-(\d{2}):(\D{2})$/ : stryMutAct_9fa48("1081") ? /^(\d{2}):(\d{2})-(\d{2}):(\d)$/ : stryMutAct_9fa48("1080") ? /^(\d{2}):(\d{2})-(\D{2}):(\d{2})$/ : stryMutAct_9fa48("1079") ? /^(\d{2}):(\d{2})-(\d):(\d{2})$/ : stryMutAct_9fa48("1078") ? /^(\d{2}):(\D{2})-(\d{2}):(\d{2})$/ : stryMutAct_9fa48("1077") ? /^(\d{2}):(\d)-(\d{2}):(\d{2})$/ : stryMutAct_9fa48("1076") ? /^(\D{2}):(\d{2})-(\d{2}):(\d{2})$/ : stryMutAct_9fa48("1075") ? /^(\d):(\d{2})-(\d{2}):(\d{2})$/ : stryMutAct_9fa48("1074") ? /^(\d{2}):(\d{2})-(\d{2}):(\d{2})/ : stryMutAct_9fa48("1073") ? /(\d{2}):(\d{2})-(\d{2}):(\d{2})$/ : (stryCov_9fa48("1073", "1074", "1075", "1076", "1077", "1078", "1079", "1080", "1081", "1082"), /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/)).exec(spec);
    if (stryMutAct_9fa48("1085") ? false : stryMutAct_9fa48("1084") ? true : stryMutAct_9fa48("1083") ? match : (stryCov_9fa48("1083", "1084", "1085"), !match)) throw new Error(stryMutAct_9fa48("1087") ? `` : (stryCov_9fa48("1087"), `Office hours must look like 07:00-19:00, got ${spec}`));
    const [, sh, sm, eh, em] = match.map(Number) as [number, number, number, number, number];
    return stryMutAct_9fa48("1088") ? {} : (stryCov_9fa48("1088"), {
      startMinute: stryMutAct_9fa48("1089") ? sh * 60 - sm : (stryCov_9fa48("1089"), (stryMutAct_9fa48("1090") ? sh / 60 : (stryCov_9fa48("1090"), sh * 60)) + sm),
      endMinute: stryMutAct_9fa48("1091") ? eh * 60 - em : (stryCov_9fa48("1091"), (stryMutAct_9fa48("1092") ? eh / 60 : (stryCov_9fa48("1092"), eh * 60)) + em)
    });
  }
}
export function isOutsideOfficeHours(at: Date, hours: OfficeHours): boolean {
  if (stryMutAct_9fa48("1093")) {
    {}
  } else {
    stryCov_9fa48("1093");
    const minute = stryMutAct_9fa48("1094") ? at.getUTCHours() * 60 - at.getUTCMinutes() : (stryCov_9fa48("1094"), (stryMutAct_9fa48("1095") ? at.getUTCHours() / 60 : (stryCov_9fa48("1095"), at.getUTCHours() * 60)) + at.getUTCMinutes());
    const inside = (stryMutAct_9fa48("1099") ? hours.startMinute > hours.endMinute : stryMutAct_9fa48("1098") ? hours.startMinute < hours.endMinute : stryMutAct_9fa48("1097") ? false : stryMutAct_9fa48("1096") ? true : (stryCov_9fa48("1096", "1097", "1098", "1099"), hours.startMinute <= hours.endMinute)) ? stryMutAct_9fa48("1102") ? minute >= hours.startMinute || minute < hours.endMinute : stryMutAct_9fa48("1101") ? false : stryMutAct_9fa48("1100") ? true : (stryCov_9fa48("1100", "1101", "1102"), (stryMutAct_9fa48("1105") ? minute < hours.startMinute : stryMutAct_9fa48("1104") ? minute > hours.startMinute : stryMutAct_9fa48("1103") ? true : (stryCov_9fa48("1103", "1104", "1105"), minute >= hours.startMinute)) && (stryMutAct_9fa48("1108") ? minute >= hours.endMinute : stryMutAct_9fa48("1107") ? minute <= hours.endMinute : stryMutAct_9fa48("1106") ? true : (stryCov_9fa48("1106", "1107", "1108"), minute < hours.endMinute))) : stryMutAct_9fa48("1111") ? minute >= hours.startMinute && minute < hours.endMinute : stryMutAct_9fa48("1110") ? false : stryMutAct_9fa48("1109") ? true : (stryCov_9fa48("1109", "1110", "1111"), (stryMutAct_9fa48("1114") ? minute < hours.startMinute : stryMutAct_9fa48("1113") ? minute > hours.startMinute : stryMutAct_9fa48("1112") ? false : (stryCov_9fa48("1112", "1113", "1114"), minute >= hours.startMinute)) || (stryMutAct_9fa48("1117") ? minute >= hours.endMinute : stryMutAct_9fa48("1116") ? minute <= hours.endMinute : stryMutAct_9fa48("1115") ? false : (stryCov_9fa48("1115", "1116", "1117"), minute < hours.endMinute)));
    return stryMutAct_9fa48("1118") ? inside : (stryCov_9fa48("1118"), !inside);
  }
}