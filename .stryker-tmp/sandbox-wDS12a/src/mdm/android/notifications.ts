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
import { findInputProblem } from '../../domain/input-hygiene.js';
import type { AmapiDevice, AmapiOperation } from './amapi-types.js';

/** The Pub/Sub push body (cloud.google.com/pubsub/docs/push). */
export interface PubsubPushBody {
  message?: {
    attributes?: Record<string, string>;
    data?: string;
    messageId?: string;
    message_id?: string;
    publishTime?: string;
    publish_time?: string;
  };
  subscription?: string;
}
export type AndroidNotification = {
  kind: 'device';
  type: 'ENROLLMENT' | 'STATUS_REPORT';
  device: AmapiDevice;
} | {
  kind: 'command';
  type: 'COMMAND';
  operation: AmapiOperation;
}
/** Test messages, USAGE_LOGS, ENTERPRISE_UPGRADE and future types: acknowledged, not acted on. */ | {
  kind: 'other';
  type: string;
};
export interface DecodedPush {
  messageId: string;
  publishTime: Date | null;
  notification: AndroidNotification;
}
export class MalformedPushError extends Error {}
function decodeJson(data: string | undefined): Record<string, unknown> {
  if (stryMutAct_9fa48("1238")) {
    {}
  } else {
    stryCov_9fa48("1238");
    if (stryMutAct_9fa48("1241") ? false : stryMutAct_9fa48("1240") ? true : stryMutAct_9fa48("1239") ? data : (stryCov_9fa48("1239", "1240", "1241"), !data)) throw new MalformedPushError(stryMutAct_9fa48("1243") ? "" : (stryCov_9fa48("1243"), 'message.data is empty'));
    let parsed: unknown;
    try {
      if (stryMutAct_9fa48("1244")) {
        {}
      } else {
        stryCov_9fa48("1244");
        parsed = JSON.parse(Buffer.from(data, stryMutAct_9fa48("1245") ? "" : (stryCov_9fa48("1245"), 'base64')).toString(stryMutAct_9fa48("1246") ? "" : (stryCov_9fa48("1246"), 'utf8')));
      }
    } catch {
      if (stryMutAct_9fa48("1247")) {
        {}
      } else {
        stryCov_9fa48("1247");
        throw new MalformedPushError(stryMutAct_9fa48("1249") ? "" : (stryCov_9fa48("1249"), 'message.data is not base64 JSON'));
      }
    }
    if (stryMutAct_9fa48("1252") ? (!parsed || typeof parsed !== 'object') && Array.isArray(parsed) : stryMutAct_9fa48("1251") ? false : stryMutAct_9fa48("1250") ? true : (stryCov_9fa48("1250", "1251", "1252"), (stryMutAct_9fa48("1254") ? !parsed && typeof parsed !== 'object' : stryMutAct_9fa48("1253") ? false : (stryCov_9fa48("1253", "1254"), (stryMutAct_9fa48("1255") ? parsed : (stryCov_9fa48("1255"), !parsed)) || (stryMutAct_9fa48("1257") ? typeof parsed === 'object' : stryMutAct_9fa48("1256") ? false : (stryCov_9fa48("1256", "1257"), typeof parsed !== (stryMutAct_9fa48("1258") ? "" : (stryCov_9fa48("1258"), 'object')))))) || Array.isArray(parsed))) throw new MalformedPushError(stryMutAct_9fa48("1260") ? "" : (stryCov_9fa48("1260"), 'message.data is not a JSON object'));
    const problem = findInputProblem(parsed);
    if (stryMutAct_9fa48("1262") ? false : stryMutAct_9fa48("1261") ? true : (stryCov_9fa48("1261", "1262"), problem)) throw new MalformedPushError(stryMutAct_9fa48("1264") ? `` : (stryCov_9fa48("1264"), `message.data ${problem.path} ${problem.message}`));
    return parsed as Record<string, unknown>;
  }
}

/** Decodes an AMAPI notification from a push body: attributes.notificationType names the resource in data. */
export function decodePush(body: PubsubPushBody): DecodedPush {
  if (stryMutAct_9fa48("1265")) {
    {}
  } else {
    stryCov_9fa48("1265");
    // The route's schema types these already; checked again because this decoder trusts nothing it is given.
    const message = body.message;
    if (stryMutAct_9fa48("1268") ? !message && typeof message !== 'object' : stryMutAct_9fa48("1267") ? false : stryMutAct_9fa48("1266") ? true : (stryCov_9fa48("1266", "1267", "1268"), (stryMutAct_9fa48("1269") ? message : (stryCov_9fa48("1269"), !message)) || (stryMutAct_9fa48("1271") ? typeof message === 'object' : stryMutAct_9fa48("1270") ? false : (stryCov_9fa48("1270", "1271"), typeof message !== (stryMutAct_9fa48("1272") ? "" : (stryCov_9fa48("1272"), 'object')))))) throw new MalformedPushError(stryMutAct_9fa48("1274") ? "" : (stryCov_9fa48("1274"), 'message is missing'));
    const messageId = stryMutAct_9fa48("1275") ? message.messageId && message.message_id : (stryCov_9fa48("1275"), message.messageId ?? message.message_id);
    if (stryMutAct_9fa48("1278") ? typeof messageId !== 'string' && messageId.length === 0 : stryMutAct_9fa48("1277") ? false : stryMutAct_9fa48("1276") ? true : (stryCov_9fa48("1276", "1277", "1278"), (stryMutAct_9fa48("1280") ? typeof messageId === 'string' : stryMutAct_9fa48("1279") ? false : (stryCov_9fa48("1279", "1280"), typeof messageId !== (stryMutAct_9fa48("1281") ? "" : (stryCov_9fa48("1281"), 'string')))) || (stryMutAct_9fa48("1283") ? messageId.length !== 0 : stryMutAct_9fa48("1282") ? false : (stryCov_9fa48("1282", "1283"), messageId.length === 0)))) throw new MalformedPushError(stryMutAct_9fa48("1285") ? "" : (stryCov_9fa48("1285"), 'message.messageId is missing'));
    if (stryMutAct_9fa48("1288") ? message.data !== undefined || typeof message.data !== 'string' : stryMutAct_9fa48("1287") ? false : stryMutAct_9fa48("1286") ? true : (stryCov_9fa48("1286", "1287", "1288"), (stryMutAct_9fa48("1290") ? message.data === undefined : stryMutAct_9fa48("1289") ? true : (stryCov_9fa48("1289", "1290"), message.data !== undefined)) && (stryMutAct_9fa48("1292") ? typeof message.data === 'string' : stryMutAct_9fa48("1291") ? true : (stryCov_9fa48("1291", "1292"), typeof message.data !== (stryMutAct_9fa48("1293") ? "" : (stryCov_9fa48("1293"), 'string')))))) throw new MalformedPushError(stryMutAct_9fa48("1295") ? "" : (stryCov_9fa48("1295"), 'message.data is not a string'));
    const published = stryMutAct_9fa48("1296") ? message.publishTime && message.publish_time : (stryCov_9fa48("1296"), message.publishTime ?? message.publish_time);
    const publishTime = (stryMutAct_9fa48("1299") ? typeof published === 'string' || !Number.isNaN(Date.parse(published)) : stryMutAct_9fa48("1298") ? false : stryMutAct_9fa48("1297") ? true : (stryCov_9fa48("1297", "1298", "1299"), (stryMutAct_9fa48("1301") ? typeof published !== 'string' : stryMutAct_9fa48("1300") ? true : (stryCov_9fa48("1300", "1301"), typeof published === (stryMutAct_9fa48("1302") ? "" : (stryCov_9fa48("1302"), 'string')))) && (stryMutAct_9fa48("1303") ? Number.isNaN(Date.parse(published)) : (stryCov_9fa48("1303"), !Number.isNaN(Date.parse(published)))))) ? new Date(published) : null;
    const attributes = message.attributes;
    const declared = (stryMutAct_9fa48("1306") ? attributes || typeof attributes === 'object' : stryMutAct_9fa48("1305") ? false : stryMutAct_9fa48("1304") ? true : (stryCov_9fa48("1304", "1305", "1306"), attributes && (stryMutAct_9fa48("1308") ? typeof attributes !== 'object' : stryMutAct_9fa48("1307") ? true : (stryCov_9fa48("1307", "1308"), typeof attributes === (stryMutAct_9fa48("1309") ? "" : (stryCov_9fa48("1309"), 'object')))))) ? attributes.notificationType : undefined;
    const type = (stryMutAct_9fa48("1312") ? typeof declared !== 'string' : stryMutAct_9fa48("1311") ? false : stryMutAct_9fa48("1310") ? true : (stryCov_9fa48("1310", "1311", "1312"), typeof declared === (stryMutAct_9fa48("1313") ? "" : (stryCov_9fa48("1313"), 'string')))) ? declared : stryMutAct_9fa48("1314") ? "" : (stryCov_9fa48("1314"), 'NOTIFICATION_TYPE_UNSPECIFIED');
    let notification: AndroidNotification;
    if (stryMutAct_9fa48("1317") ? type === 'ENROLLMENT' && type === 'STATUS_REPORT' : stryMutAct_9fa48("1316") ? false : stryMutAct_9fa48("1315") ? true : (stryCov_9fa48("1315", "1316", "1317"), (stryMutAct_9fa48("1319") ? type !== 'ENROLLMENT' : stryMutAct_9fa48("1318") ? false : (stryCov_9fa48("1318", "1319"), type === (stryMutAct_9fa48("1320") ? "" : (stryCov_9fa48("1320"), 'ENROLLMENT')))) || (stryMutAct_9fa48("1322") ? type !== 'STATUS_REPORT' : stryMutAct_9fa48("1321") ? false : (stryCov_9fa48("1321", "1322"), type === (stryMutAct_9fa48("1323") ? "" : (stryCov_9fa48("1323"), 'STATUS_REPORT')))))) {
      if (stryMutAct_9fa48("1324")) {
        {}
      } else {
        stryCov_9fa48("1324");
        const device = decodeJson(message.data) as AmapiDevice;
        if (stryMutAct_9fa48("1327") ? typeof device.name === 'string' : stryMutAct_9fa48("1326") ? false : stryMutAct_9fa48("1325") ? true : (stryCov_9fa48("1325", "1326", "1327"), typeof device.name !== (stryMutAct_9fa48("1328") ? "" : (stryCov_9fa48("1328"), 'string')))) throw new MalformedPushError(stryMutAct_9fa48("1330") ? `` : (stryCov_9fa48("1330"), `${type} payload has no device name`));
        notification = stryMutAct_9fa48("1331") ? {} : (stryCov_9fa48("1331"), {
          kind: stryMutAct_9fa48("1332") ? "" : (stryCov_9fa48("1332"), 'device'),
          type,
          device
        });
      }
    } else if (stryMutAct_9fa48("1335") ? type !== 'COMMAND' : stryMutAct_9fa48("1334") ? false : stryMutAct_9fa48("1333") ? true : (stryCov_9fa48("1333", "1334", "1335"), type === (stryMutAct_9fa48("1336") ? "" : (stryCov_9fa48("1336"), 'COMMAND')))) {
      if (stryMutAct_9fa48("1337")) {
        {}
      } else {
        stryCov_9fa48("1337");
        const operation = decodeJson(message.data) as AmapiOperation;
        if (stryMutAct_9fa48("1340") ? typeof operation.name === 'string' : stryMutAct_9fa48("1339") ? false : stryMutAct_9fa48("1338") ? true : (stryCov_9fa48("1338", "1339", "1340"), typeof operation.name !== (stryMutAct_9fa48("1341") ? "" : (stryCov_9fa48("1341"), 'string')))) throw new MalformedPushError(stryMutAct_9fa48("1343") ? "" : (stryCov_9fa48("1343"), 'COMMAND payload has no operation name'));
        notification = stryMutAct_9fa48("1344") ? {} : (stryCov_9fa48("1344"), {
          kind: stryMutAct_9fa48("1345") ? "" : (stryCov_9fa48("1345"), 'command'),
          type,
          operation
        });
      }
    } else {
      if (stryMutAct_9fa48("1346")) {
        {}
      } else {
        stryCov_9fa48("1346");
        notification = stryMutAct_9fa48("1347") ? {} : (stryCov_9fa48("1347"), {
          kind: stryMutAct_9fa48("1348") ? "" : (stryCov_9fa48("1348"), 'other'),
          type
        });
      }
    }
    return stryMutAct_9fa48("1349") ? {} : (stryCov_9fa48("1349"), {
      messageId,
      publishTime,
      notification
    });
  }
}

/** enterprises/{e}/devices/{d}/operations/{o} → enterprises/{e}/devices/{d}. */
export function deviceNameOfOperation(operationName: string): string | null {
  if (stryMutAct_9fa48("1350")) {
    {}
  } else {
    stryCov_9fa48("1350");
    const match = (stryMutAct_9fa48("1358") ? /^(enterprises\/[^/]+\/devices\/[^/]+)\/operations\/[/]+$/ : stryMutAct_9fa48("1357") ? /^(enterprises\/[^/]+\/devices\/[^/]+)\/operations\/[^/]$/ : stryMutAct_9fa48("1356") ? /^(enterprises\/[^/]+\/devices\/[/]+)\/operations\/[^/]+$/ : stryMutAct_9fa48("1355") ? /^(enterprises\/[^/]+\/devices\/[^/])\/operations\/[^/]+$/ : stryMutAct_9fa48("1354") ? /^(enterprises\/[/]+\/devices\/[^/]+)\/operations\/[^/]+$/ : stryMutAct_9fa48("1353") ? /^(enterprises\/[^/]\/devices\/[^/]+)\/operations\/[^/]+$/ : stryMutAct_9fa48("1352") ? /^(enterprises\/[^/]+\/devices\/[^/]+)\/operations\/[^/]+/ : stryMutAct_9fa48("1351") ? /(enterprises\/[^/]+\/devices\/[^/]+)\/operations\/[^/]+$/ : (stryCov_9fa48("1351", "1352", "1353", "1354", "1355", "1356", "1357", "1358"), /^(enterprises\/[^/]+\/devices\/[^/]+)\/operations\/[^/]+$/)).exec(operationName);
    return match ? match[1]! : null;
  }
}
export function belongsToEnterprise(resourceName: string, enterprise: string): boolean {
  if (stryMutAct_9fa48("1359")) {
    {}
  } else {
    stryCov_9fa48("1359");
    return stryMutAct_9fa48("1360") ? resourceName.endsWith(`${enterprise}/`) : (stryCov_9fa48("1360"), resourceName.startsWith(stryMutAct_9fa48("1361") ? `` : (stryCov_9fa48("1361"), `${enterprise}/`)));
  }
}