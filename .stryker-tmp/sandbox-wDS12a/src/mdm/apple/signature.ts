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
import { createHash, timingSafeEqual, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/**
 * Verifies the `Mdm-Signature` header: a detached CMS SignedData (base64, DER or BER) over the exact request body.
 *
 * Deliberately narrow (see docs in README, "Apple MDM signatures"): one signer, digest SHA-1/256/384/512, RSA PKCS#1 v1.5
 * or ECDSA, with or without signed attributes. node-forge only parses the ASN.1 (its own PKCS#7 verify is a stub);
 * hashing and signature checks are node:crypto. Anything outside that shape is refused rather than guessed at.
 * Real devices send BER indefinite-length, SHA-1, no signed attributes (tests/fixtures/apple/mdm_signature_vector1.*).
 */
export class SignatureError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = stryMutAct_9fa48("2428") ? "" : (stryCov_9fa48("2428"), 'SignatureError');
  }
}
export interface VerifiedSignature {
  /** The signer certificate exactly as embedded (DER). */
  certificate: X509Certificate;
  certificateDer: Buffer;
  /** Lower-case hex SHA-256 of the certificate DER: what enrolments are bound to. */
  certificateSha256: string;
  digest: DigestName;
  signedAttributes: boolean;
}
type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';
const OID = stryMutAct_9fa48("2429") ? {} : (stryCov_9fa48("2429"), {
  signedData: stryMutAct_9fa48("2430") ? "" : (stryCov_9fa48("2430"), '1.2.840.113549.1.7.2'),
  data: stryMutAct_9fa48("2431") ? "" : (stryCov_9fa48("2431"), '1.2.840.113549.1.7.1'),
  contentType: stryMutAct_9fa48("2432") ? "" : (stryCov_9fa48("2432"), '1.2.840.113549.1.9.3'),
  messageDigest: stryMutAct_9fa48("2433") ? "" : (stryCov_9fa48("2433"), '1.2.840.113549.1.9.4')
});
const DIGESTS: Record<string, DigestName> = stryMutAct_9fa48("2434") ? {} : (stryCov_9fa48("2434"), {
  '1.3.14.3.2.26': stryMutAct_9fa48("2435") ? "" : (stryCov_9fa48("2435"), 'sha1'),
  '2.16.840.1.101.3.4.2.1': stryMutAct_9fa48("2436") ? "" : (stryCov_9fa48("2436"), 'sha256'),
  '2.16.840.1.101.3.4.2.2': stryMutAct_9fa48("2437") ? "" : (stryCov_9fa48("2437"), 'sha384'),
  '2.16.840.1.101.3.4.2.3': stryMutAct_9fa48("2438") ? "" : (stryCov_9fa48("2438"), 'sha512')
});

/** Signature algorithm → the digest it implies (undefined: take the SignerInfo's digestAlgorithm). */
const SIGNATURE_ALGORITHMS: Record<string, {
  key: 'rsa' | 'ec';
  digest?: DigestName;
}> = stryMutAct_9fa48("2439") ? {} : (stryCov_9fa48("2439"), {
  '1.2.840.113549.1.1.1': stryMutAct_9fa48("2440") ? {} : (stryCov_9fa48("2440"), {
    key: stryMutAct_9fa48("2441") ? "" : (stryCov_9fa48("2441"), 'rsa')
  }),
  '1.2.840.113549.1.1.5': stryMutAct_9fa48("2442") ? {} : (stryCov_9fa48("2442"), {
    key: stryMutAct_9fa48("2443") ? "" : (stryCov_9fa48("2443"), 'rsa'),
    digest: stryMutAct_9fa48("2444") ? "" : (stryCov_9fa48("2444"), 'sha1')
  }),
  '1.2.840.113549.1.1.11': stryMutAct_9fa48("2445") ? {} : (stryCov_9fa48("2445"), {
    key: stryMutAct_9fa48("2446") ? "" : (stryCov_9fa48("2446"), 'rsa'),
    digest: stryMutAct_9fa48("2447") ? "" : (stryCov_9fa48("2447"), 'sha256')
  }),
  '1.2.840.113549.1.1.12': stryMutAct_9fa48("2448") ? {} : (stryCov_9fa48("2448"), {
    key: stryMutAct_9fa48("2449") ? "" : (stryCov_9fa48("2449"), 'rsa'),
    digest: stryMutAct_9fa48("2450") ? "" : (stryCov_9fa48("2450"), 'sha384')
  }),
  '1.2.840.113549.1.1.13': stryMutAct_9fa48("2451") ? {} : (stryCov_9fa48("2451"), {
    key: stryMutAct_9fa48("2452") ? "" : (stryCov_9fa48("2452"), 'rsa'),
    digest: stryMutAct_9fa48("2453") ? "" : (stryCov_9fa48("2453"), 'sha512')
  }),
  '1.2.840.10045.4.1': stryMutAct_9fa48("2454") ? {} : (stryCov_9fa48("2454"), {
    key: stryMutAct_9fa48("2455") ? "" : (stryCov_9fa48("2455"), 'ec'),
    digest: stryMutAct_9fa48("2456") ? "" : (stryCov_9fa48("2456"), 'sha1')
  }),
  '1.2.840.10045.4.3.2': stryMutAct_9fa48("2457") ? {} : (stryCov_9fa48("2457"), {
    key: stryMutAct_9fa48("2458") ? "" : (stryCov_9fa48("2458"), 'ec'),
    digest: stryMutAct_9fa48("2459") ? "" : (stryCov_9fa48("2459"), 'sha256')
  }),
  '1.2.840.10045.4.3.3': stryMutAct_9fa48("2460") ? {} : (stryCov_9fa48("2460"), {
    key: stryMutAct_9fa48("2461") ? "" : (stryCov_9fa48("2461"), 'ec'),
    digest: stryMutAct_9fa48("2462") ? "" : (stryCov_9fa48("2462"), 'sha384')
  }),
  '1.2.840.10045.4.3.4': stryMutAct_9fa48("2463") ? {} : (stryCov_9fa48("2463"), {
    key: stryMutAct_9fa48("2464") ? "" : (stryCov_9fa48("2464"), 'ec'),
    digest: stryMutAct_9fa48("2465") ? "" : (stryCov_9fa48("2465"), 'sha512')
  })
});
const MAX_HEADER_CHARS = 16_384;
type Node = forge.asn1.Asn1;
const {
  Class,
  Type
} = forge.asn1;
export function verifyMdmSignature(headerValue: string | undefined, body: Buffer): VerifiedSignature {
  if (stryMutAct_9fa48("2466")) {
    {}
  } else {
    stryCov_9fa48("2466");
    if (stryMutAct_9fa48("2469") ? false : stryMutAct_9fa48("2468") ? true : stryMutAct_9fa48("2467") ? headerValue : (stryCov_9fa48("2467", "2468", "2469"), !headerValue)) throw new SignatureError(stryMutAct_9fa48("2471") ? "" : (stryCov_9fa48("2471"), 'Mdm-Signature header missing'));
    const compact = headerValue.replace(stryMutAct_9fa48("2473") ? /\S+/g : stryMutAct_9fa48("2472") ? /\s/g : (stryCov_9fa48("2472", "2473"), /\s+/g), stryMutAct_9fa48("2474") ? "Stryker was here!" : (stryCov_9fa48("2474"), ''));
    if (stryMutAct_9fa48("2477") ? compact.length > MAX_HEADER_CHARS && !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) : stryMutAct_9fa48("2476") ? false : stryMutAct_9fa48("2475") ? true : (stryCov_9fa48("2475", "2476", "2477"), (stryMutAct_9fa48("2480") ? compact.length <= MAX_HEADER_CHARS : stryMutAct_9fa48("2479") ? compact.length >= MAX_HEADER_CHARS : stryMutAct_9fa48("2478") ? false : (stryCov_9fa48("2478", "2479", "2480"), compact.length > MAX_HEADER_CHARS)) || (stryMutAct_9fa48("2481") ? /^[A-Za-z0-9+/]+={0,2}$/.test(compact) : (stryCov_9fa48("2481"), !(stryMutAct_9fa48("2486") ? /^[A-Za-z0-9+/]+=$/ : stryMutAct_9fa48("2485") ? /^[^A-Za-z0-9+/]+={0,2}$/ : stryMutAct_9fa48("2484") ? /^[A-Za-z0-9+/]={0,2}$/ : stryMutAct_9fa48("2483") ? /^[A-Za-z0-9+/]+={0,2}/ : stryMutAct_9fa48("2482") ? /[A-Za-z0-9+/]+={0,2}$/ : (stryCov_9fa48("2482", "2483", "2484", "2485", "2486"), /^[A-Za-z0-9+/]+={0,2}$/)).test(compact))))) {
      if (stryMutAct_9fa48("2487")) {
        {}
      } else {
        stryCov_9fa48("2487");
        throw new SignatureError(stryMutAct_9fa48("2489") ? "" : (stryCov_9fa48("2489"), 'Mdm-Signature is not base64'));
      }
    }
    const der = Buffer.from(compact, stryMutAct_9fa48("2490") ? "" : (stryCov_9fa48("2490"), 'base64'));
    let contentInfo: Node;
    try {
      if (stryMutAct_9fa48("2491")) {
        {}
      } else {
        stryCov_9fa48("2491");
        contentInfo = forge.asn1.fromDer(forge.util.createBuffer(der.toString(stryMutAct_9fa48("2492") ? "" : (stryCov_9fa48("2492"), 'binary'))), {
          strict: false,
          decodeBitStrings: false
        } as unknown as boolean);
      }
    } catch {
      if (stryMutAct_9fa48("2493")) {
        {}
      } else {
        stryCov_9fa48("2493");
        throw new SignatureError(stryMutAct_9fa48("2495") ? "" : (stryCov_9fa48("2495"), 'Mdm-Signature is not valid ASN.1'));
      }
    }
    const signedData = parseSignedData(contentInfo);
    const signerInfo = single(signedData.signerInfos, stryMutAct_9fa48("2496") ? "" : (stryCov_9fa48("2496"), 'exactly one signer is required'));
    const signer = parseSignerInfo(signerInfo);
    const certNode = signedData.certificates.find(stryMutAct_9fa48("2497") ? () => undefined : (stryCov_9fa48("2497"), c => certificateMatches(c, signer)));
    if (stryMutAct_9fa48("2500") ? false : stryMutAct_9fa48("2499") ? true : stryMutAct_9fa48("2498") ? certNode : (stryCov_9fa48("2498", "2499", "2500"), !certNode)) throw new SignatureError(stryMutAct_9fa48("2502") ? "" : (stryCov_9fa48("2502"), 'signer certificate not included'));
    const certificateDer = toBuffer(forge.asn1.toDer(certNode).getBytes());
    let certificate: X509Certificate;
    try {
      if (stryMutAct_9fa48("2503")) {
        {}
      } else {
        stryCov_9fa48("2503");
        certificate = new X509Certificate(certificateDer);
      }
    } catch {
      if (stryMutAct_9fa48("2504")) {
        {}
      } else {
        stryCov_9fa48("2504");
        throw new SignatureError(stryMutAct_9fa48("2506") ? "" : (stryCov_9fa48("2506"), 'signer certificate cannot be parsed'));
      }
    }
    const keyType = certificate.publicKey.asymmetricKeyType;
    if (stryMutAct_9fa48("2509") ? signer.signatureAlgorithm.key === 'rsa' === (keyType === 'rsa') : stryMutAct_9fa48("2508") ? false : stryMutAct_9fa48("2507") ? true : (stryCov_9fa48("2507", "2508", "2509"), (stryMutAct_9fa48("2512") ? signer.signatureAlgorithm.key !== 'rsa' : stryMutAct_9fa48("2511") ? false : stryMutAct_9fa48("2510") ? true : (stryCov_9fa48("2510", "2511", "2512"), signer.signatureAlgorithm.key === (stryMutAct_9fa48("2513") ? "" : (stryCov_9fa48("2513"), 'rsa')))) !== (stryMutAct_9fa48("2516") ? keyType !== 'rsa' : stryMutAct_9fa48("2515") ? false : stryMutAct_9fa48("2514") ? true : (stryCov_9fa48("2514", "2515", "2516"), keyType === (stryMutAct_9fa48("2517") ? "" : (stryCov_9fa48("2517"), 'rsa')))))) {
      if (stryMutAct_9fa48("2518")) {
        {}
      } else {
        stryCov_9fa48("2518");
        throw new SignatureError(stryMutAct_9fa48("2520") ? "" : (stryCov_9fa48("2520"), 'signature algorithm does not match the certificate key'));
      }
    }
    let signedBytes: Buffer = body;
    if (stryMutAct_9fa48("2522") ? false : stryMutAct_9fa48("2521") ? true : (stryCov_9fa48("2521", "2522"), signer.signedAttributes)) {
      if (stryMutAct_9fa48("2523")) {
        {}
      } else {
        stryCov_9fa48("2523");
        const bodyDigest = createHash(signer.digest).update(body).digest();
        const attributes = parseAttributes(signer.signedAttributes);
        const messageDigest = attributes.get(OID.messageDigest);
        const contentType = attributes.get(OID.contentType);
        if (stryMutAct_9fa48("2526") ? !messageDigest && !contentType : stryMutAct_9fa48("2525") ? false : stryMutAct_9fa48("2524") ? true : (stryCov_9fa48("2524", "2525", "2526"), (stryMutAct_9fa48("2527") ? messageDigest : (stryCov_9fa48("2527"), !messageDigest)) || (stryMutAct_9fa48("2528") ? contentType : (stryCov_9fa48("2528"), !contentType)))) throw new SignatureError(stryMutAct_9fa48("2530") ? "" : (stryCov_9fa48("2530"), 'signed attributes lack contentType or messageDigest'));
        if (stryMutAct_9fa48("2533") ? contentType.type !== Type.OID && forge.asn1.derToOid(contentType.value as string) !== OID.data : stryMutAct_9fa48("2532") ? false : stryMutAct_9fa48("2531") ? true : (stryCov_9fa48("2531", "2532", "2533"), (stryMutAct_9fa48("2535") ? contentType.type === Type.OID : stryMutAct_9fa48("2534") ? false : (stryCov_9fa48("2534", "2535"), contentType.type !== Type.OID)) || (stryMutAct_9fa48("2537") ? forge.asn1.derToOid(contentType.value as string) === OID.data : stryMutAct_9fa48("2536") ? false : (stryCov_9fa48("2536", "2537"), forge.asn1.derToOid(contentType.value as string) !== OID.data)))) {
          if (stryMutAct_9fa48("2538")) {
            {}
          } else {
            stryCov_9fa48("2538");
            throw new SignatureError(stryMutAct_9fa48("2540") ? "" : (stryCov_9fa48("2540"), 'signed content type is not id-data'));
          }
        }
        const claimed = octets(messageDigest);
        if (stryMutAct_9fa48("2543") ? claimed.length !== bodyDigest.length && !timingSafeEqual(claimed, bodyDigest) : stryMutAct_9fa48("2542") ? false : stryMutAct_9fa48("2541") ? true : (stryCov_9fa48("2541", "2542", "2543"), (stryMutAct_9fa48("2545") ? claimed.length === bodyDigest.length : stryMutAct_9fa48("2544") ? false : (stryCov_9fa48("2544", "2545"), claimed.length !== bodyDigest.length)) || (stryMutAct_9fa48("2546") ? timingSafeEqual(claimed, bodyDigest) : (stryCov_9fa48("2546"), !timingSafeEqual(claimed, bodyDigest))))) {
          if (stryMutAct_9fa48("2547")) {
            {}
          } else {
            stryCov_9fa48("2547");
            throw new SignatureError(stryMutAct_9fa48("2549") ? "" : (stryCov_9fa48("2549"), 'message digest does not match the body'));
          }
        }
        // RFC 5652 §5.4: the signature covers the DER of the attributes with an explicit SET OF tag, not the [0] tag.
        const asSet = forge.asn1.create(Class.UNIVERSAL, Type.SET, stryMutAct_9fa48("2550") ? false : (stryCov_9fa48("2550"), true), signer.signedAttributes.value as Node[]);
        signedBytes = toBuffer(forge.asn1.toDer(asSet).getBytes());
      }
    }
    let valid: boolean;
    try {
      if (stryMutAct_9fa48("2551")) {
        {}
      } else {
        stryCov_9fa48("2551");
        valid = cryptoVerify(signer.digest, signedBytes, certificate.publicKey, signer.signature);
      }
    } catch {
      if (stryMutAct_9fa48("2552")) {
        {}
      } else {
        stryCov_9fa48("2552");
        valid = stryMutAct_9fa48("2553") ? true : (stryCov_9fa48("2553"), false);
      }
    }
    if (stryMutAct_9fa48("2556") ? false : stryMutAct_9fa48("2555") ? true : stryMutAct_9fa48("2554") ? valid : (stryCov_9fa48("2554", "2555", "2556"), !valid)) throw new SignatureError(stryMutAct_9fa48("2558") ? "" : (stryCov_9fa48("2558"), 'signature does not verify'));
    return stryMutAct_9fa48("2559") ? {} : (stryCov_9fa48("2559"), {
      certificate,
      certificateDer,
      certificateSha256: createHash(stryMutAct_9fa48("2560") ? "" : (stryCov_9fa48("2560"), 'sha256')).update(certificateDer).digest(stryMutAct_9fa48("2561") ? "" : (stryCov_9fa48("2561"), 'hex')),
      digest: signer.digest,
      signedAttributes: Boolean(signer.signedAttributes)
    });
  }
}
interface SignedDataParts {
  certificates: Node[];
  signerInfos: Node[];
}
function parseSignedData(contentInfo: Node): SignedDataParts {
  if (stryMutAct_9fa48("2562")) {
    {}
  } else {
    stryCov_9fa48("2562");
    const [contentType, explicit] = children(contentInfo, stryMutAct_9fa48("2563") ? "" : (stryCov_9fa48("2563"), 'ContentInfo'));
    if (stryMutAct_9fa48("2566") ? !contentType && oidOf(contentType) !== OID.signedData : stryMutAct_9fa48("2565") ? false : stryMutAct_9fa48("2564") ? true : (stryCov_9fa48("2564", "2565", "2566"), (stryMutAct_9fa48("2567") ? contentType : (stryCov_9fa48("2567"), !contentType)) || (stryMutAct_9fa48("2569") ? oidOf(contentType) === OID.signedData : stryMutAct_9fa48("2568") ? false : (stryCov_9fa48("2568", "2569"), oidOf(contentType) !== OID.signedData)))) throw new SignatureError(stryMutAct_9fa48("2571") ? "" : (stryCov_9fa48("2571"), 'not a CMS SignedData'));
    if (stryMutAct_9fa48("2574") ? (!explicit || explicit.tagClass !== Class.CONTEXT_SPECIFIC) && explicit.type !== 0 : stryMutAct_9fa48("2573") ? false : stryMutAct_9fa48("2572") ? true : (stryCov_9fa48("2572", "2573", "2574"), (stryMutAct_9fa48("2576") ? !explicit && explicit.tagClass !== Class.CONTEXT_SPECIFIC : stryMutAct_9fa48("2575") ? false : (stryCov_9fa48("2575", "2576"), (stryMutAct_9fa48("2577") ? explicit : (stryCov_9fa48("2577"), !explicit)) || (stryMutAct_9fa48("2579") ? explicit.tagClass === Class.CONTEXT_SPECIFIC : stryMutAct_9fa48("2578") ? false : (stryCov_9fa48("2578", "2579"), explicit.tagClass !== Class.CONTEXT_SPECIFIC)))) || (stryMutAct_9fa48("2581") ? explicit.type === 0 : stryMutAct_9fa48("2580") ? false : (stryCov_9fa48("2580", "2581"), explicit.type !== 0)))) throw new SignatureError(stryMutAct_9fa48("2583") ? "" : (stryCov_9fa48("2583"), 'SignedData content missing'));
    const signedData = single(children(explicit, stryMutAct_9fa48("2584") ? "" : (stryCov_9fa48("2584"), 'content')), stryMutAct_9fa48("2585") ? "" : (stryCov_9fa48("2585"), 'malformed SignedData'));
    const parts = children(signedData, stryMutAct_9fa48("2586") ? "" : (stryCov_9fa48("2586"), 'SignedData'));
    const encap = parts[2];
    if (stryMutAct_9fa48("2589") ? !encap && encap.type !== Type.SEQUENCE : stryMutAct_9fa48("2588") ? false : stryMutAct_9fa48("2587") ? true : (stryCov_9fa48("2587", "2588", "2589"), (stryMutAct_9fa48("2590") ? encap : (stryCov_9fa48("2590"), !encap)) || (stryMutAct_9fa48("2592") ? encap.type === Type.SEQUENCE : stryMutAct_9fa48("2591") ? false : (stryCov_9fa48("2591", "2592"), encap.type !== Type.SEQUENCE)))) throw new SignatureError(stryMutAct_9fa48("2594") ? "" : (stryCov_9fa48("2594"), 'malformed encapsulated content'));
    // The signature must be detached: the signed content is the HTTP body, never something carried inside.
    if (stryMutAct_9fa48("2598") ? children(encap, 'encapContentInfo').length <= 1 : stryMutAct_9fa48("2597") ? children(encap, 'encapContentInfo').length >= 1 : stryMutAct_9fa48("2596") ? false : stryMutAct_9fa48("2595") ? true : (stryCov_9fa48("2595", "2596", "2597", "2598"), children(encap, stryMutAct_9fa48("2599") ? "" : (stryCov_9fa48("2599"), 'encapContentInfo')).length > 1)) throw new SignatureError(stryMutAct_9fa48("2601") ? "" : (stryCov_9fa48("2601"), 'signature is not detached'));
    let certificates: Node[] = stryMutAct_9fa48("2602") ? ["Stryker was here"] : (stryCov_9fa48("2602"), []);
    let signerInfos: Node[] | undefined;
    for (const part of stryMutAct_9fa48("2603") ? parts : (stryCov_9fa48("2603"), parts.slice(3))) {
      if (stryMutAct_9fa48("2604")) {
        {}
      } else {
        stryCov_9fa48("2604");
        if (stryMutAct_9fa48("2607") ? part.tagClass === Class.CONTEXT_SPECIFIC || part.type === 0 : stryMutAct_9fa48("2606") ? false : stryMutAct_9fa48("2605") ? true : (stryCov_9fa48("2605", "2606", "2607"), (stryMutAct_9fa48("2609") ? part.tagClass !== Class.CONTEXT_SPECIFIC : stryMutAct_9fa48("2608") ? true : (stryCov_9fa48("2608", "2609"), part.tagClass === Class.CONTEXT_SPECIFIC)) && (stryMutAct_9fa48("2611") ? part.type !== 0 : stryMutAct_9fa48("2610") ? true : (stryCov_9fa48("2610", "2611"), part.type === 0)))) certificates = children(part, stryMutAct_9fa48("2612") ? "" : (stryCov_9fa48("2612"), 'certificates'));else if (stryMutAct_9fa48("2615") ? part.tagClass === Class.UNIVERSAL || part.type === Type.SET : stryMutAct_9fa48("2614") ? false : stryMutAct_9fa48("2613") ? true : (stryCov_9fa48("2613", "2614", "2615"), (stryMutAct_9fa48("2617") ? part.tagClass !== Class.UNIVERSAL : stryMutAct_9fa48("2616") ? true : (stryCov_9fa48("2616", "2617"), part.tagClass === Class.UNIVERSAL)) && (stryMutAct_9fa48("2619") ? part.type !== Type.SET : stryMutAct_9fa48("2618") ? true : (stryCov_9fa48("2618", "2619"), part.type === Type.SET)))) signerInfos = children(part, stryMutAct_9fa48("2620") ? "" : (stryCov_9fa48("2620"), 'signerInfos'));
      }
    }
    if (stryMutAct_9fa48("2623") ? false : stryMutAct_9fa48("2622") ? true : stryMutAct_9fa48("2621") ? signerInfos : (stryCov_9fa48("2621", "2622", "2623"), !signerInfos)) throw new SignatureError(stryMutAct_9fa48("2625") ? "" : (stryCov_9fa48("2625"), 'no signerInfos'));
    return stryMutAct_9fa48("2626") ? {} : (stryCov_9fa48("2626"), {
      certificates,
      signerInfos
    });
  }
}
interface SignerParts {
  serial?: Buffer;
  issuer?: Buffer;
  subjectKeyId?: Buffer;
  digest: DigestName;
  signedAttributes?: Node;
  signatureAlgorithm: {
    key: 'rsa' | 'ec';
    digest?: DigestName;
  };
  signature: Buffer;
}
function parseSignerInfo(node: Node): SignerParts {
  if (stryMutAct_9fa48("2627")) {
    {}
  } else {
    stryCov_9fa48("2627");
    const parts = children(node, stryMutAct_9fa48("2628") ? "" : (stryCov_9fa48("2628"), 'SignerInfo'));
    const [, sid, digestAlgorithm] = parts;
    if (stryMutAct_9fa48("2631") ? !sid && !digestAlgorithm : stryMutAct_9fa48("2630") ? false : stryMutAct_9fa48("2629") ? true : (stryCov_9fa48("2629", "2630", "2631"), (stryMutAct_9fa48("2632") ? sid : (stryCov_9fa48("2632"), !sid)) || (stryMutAct_9fa48("2633") ? digestAlgorithm : (stryCov_9fa48("2633"), !digestAlgorithm)))) throw new SignatureError(stryMutAct_9fa48("2635") ? "" : (stryCov_9fa48("2635"), 'malformed SignerInfo'));
    const digest = DIGESTS[algorithmOid(digestAlgorithm)];
    if (stryMutAct_9fa48("2638") ? false : stryMutAct_9fa48("2637") ? true : stryMutAct_9fa48("2636") ? digest : (stryCov_9fa48("2636", "2637", "2638"), !digest)) throw new SignatureError(stryMutAct_9fa48("2640") ? "" : (stryCov_9fa48("2640"), 'unsupported digest algorithm'));
    let index = 3;
    let signedAttributes: Node | undefined;
    const maybeAttrs = parts[index];
    if (stryMutAct_9fa48("2643") ? maybeAttrs && maybeAttrs.tagClass === Class.CONTEXT_SPECIFIC || maybeAttrs.type === 0 : stryMutAct_9fa48("2642") ? false : stryMutAct_9fa48("2641") ? true : (stryCov_9fa48("2641", "2642", "2643"), (stryMutAct_9fa48("2645") ? maybeAttrs || maybeAttrs.tagClass === Class.CONTEXT_SPECIFIC : stryMutAct_9fa48("2644") ? true : (stryCov_9fa48("2644", "2645"), maybeAttrs && (stryMutAct_9fa48("2647") ? maybeAttrs.tagClass !== Class.CONTEXT_SPECIFIC : stryMutAct_9fa48("2646") ? true : (stryCov_9fa48("2646", "2647"), maybeAttrs.tagClass === Class.CONTEXT_SPECIFIC)))) && (stryMutAct_9fa48("2649") ? maybeAttrs.type !== 0 : stryMutAct_9fa48("2648") ? true : (stryCov_9fa48("2648", "2649"), maybeAttrs.type === 0)))) {
      if (stryMutAct_9fa48("2650")) {
        {}
      } else {
        stryCov_9fa48("2650");
        signedAttributes = maybeAttrs;
        stryMutAct_9fa48("2651") ? index -= 1 : (stryCov_9fa48("2651"), index += 1);
      }
    }
    const signatureAlgorithmNode = parts[index];
    const signatureNode = parts[stryMutAct_9fa48("2652") ? index - 1 : (stryCov_9fa48("2652"), index + 1)];
    if (stryMutAct_9fa48("2655") ? !signatureAlgorithmNode && !signatureNode : stryMutAct_9fa48("2654") ? false : stryMutAct_9fa48("2653") ? true : (stryCov_9fa48("2653", "2654", "2655"), (stryMutAct_9fa48("2656") ? signatureAlgorithmNode : (stryCov_9fa48("2656"), !signatureAlgorithmNode)) || (stryMutAct_9fa48("2657") ? signatureNode : (stryCov_9fa48("2657"), !signatureNode)))) throw new SignatureError(stryMutAct_9fa48("2659") ? "" : (stryCov_9fa48("2659"), 'malformed SignerInfo'));
    const signatureAlgorithm = SIGNATURE_ALGORITHMS[algorithmOid(signatureAlgorithmNode)];
    if (stryMutAct_9fa48("2662") ? false : stryMutAct_9fa48("2661") ? true : stryMutAct_9fa48("2660") ? signatureAlgorithm : (stryCov_9fa48("2660", "2661", "2662"), !signatureAlgorithm)) throw new SignatureError(stryMutAct_9fa48("2664") ? "" : (stryCov_9fa48("2664"), 'unsupported signature algorithm'));
    if (stryMutAct_9fa48("2667") ? signatureAlgorithm.digest || signatureAlgorithm.digest !== digest : stryMutAct_9fa48("2666") ? false : stryMutAct_9fa48("2665") ? true : (stryCov_9fa48("2665", "2666", "2667"), signatureAlgorithm.digest && (stryMutAct_9fa48("2669") ? signatureAlgorithm.digest === digest : stryMutAct_9fa48("2668") ? true : (stryCov_9fa48("2668", "2669"), signatureAlgorithm.digest !== digest)))) throw new SignatureError(stryMutAct_9fa48("2671") ? "" : (stryCov_9fa48("2671"), 'digest and signature algorithms disagree'));
    const result: SignerParts = stryMutAct_9fa48("2672") ? {} : (stryCov_9fa48("2672"), {
      digest,
      signatureAlgorithm,
      signature: octets(signatureNode),
      signedAttributes
    });
    if (stryMutAct_9fa48("2675") ? sid.tagClass === Class.UNIVERSAL || sid.type === Type.SEQUENCE : stryMutAct_9fa48("2674") ? false : stryMutAct_9fa48("2673") ? true : (stryCov_9fa48("2673", "2674", "2675"), (stryMutAct_9fa48("2677") ? sid.tagClass !== Class.UNIVERSAL : stryMutAct_9fa48("2676") ? true : (stryCov_9fa48("2676", "2677"), sid.tagClass === Class.UNIVERSAL)) && (stryMutAct_9fa48("2679") ? sid.type !== Type.SEQUENCE : stryMutAct_9fa48("2678") ? true : (stryCov_9fa48("2678", "2679"), sid.type === Type.SEQUENCE)))) {
      if (stryMutAct_9fa48("2680")) {
        {}
      } else {
        stryCov_9fa48("2680");
        const [issuer, serial] = children(sid, stryMutAct_9fa48("2681") ? "" : (stryCov_9fa48("2681"), 'IssuerAndSerialNumber'));
        if (stryMutAct_9fa48("2684") ? !issuer && !serial : stryMutAct_9fa48("2683") ? false : stryMutAct_9fa48("2682") ? true : (stryCov_9fa48("2682", "2683", "2684"), (stryMutAct_9fa48("2685") ? issuer : (stryCov_9fa48("2685"), !issuer)) || (stryMutAct_9fa48("2686") ? serial : (stryCov_9fa48("2686"), !serial)))) throw new SignatureError(stryMutAct_9fa48("2688") ? "" : (stryCov_9fa48("2688"), 'malformed signer identifier'));
        result.issuer = derOf(issuer);
        result.serial = integerBytes(serial);
      }
    } else if (stryMutAct_9fa48("2691") ? sid.tagClass === Class.CONTEXT_SPECIFIC || sid.type === 0 : stryMutAct_9fa48("2690") ? false : stryMutAct_9fa48("2689") ? true : (stryCov_9fa48("2689", "2690", "2691"), (stryMutAct_9fa48("2693") ? sid.tagClass !== Class.CONTEXT_SPECIFIC : stryMutAct_9fa48("2692") ? true : (stryCov_9fa48("2692", "2693"), sid.tagClass === Class.CONTEXT_SPECIFIC)) && (stryMutAct_9fa48("2695") ? sid.type !== 0 : stryMutAct_9fa48("2694") ? true : (stryCov_9fa48("2694", "2695"), sid.type === 0)))) {
      if (stryMutAct_9fa48("2696")) {
        {}
      } else {
        stryCov_9fa48("2696");
        result.subjectKeyId = sid.constructed ? octets(single(children(sid, stryMutAct_9fa48("2697") ? "" : (stryCov_9fa48("2697"), 'sid')), stryMutAct_9fa48("2698") ? "" : (stryCov_9fa48("2698"), 'malformed sid'))) : toBuffer(sid.value as string);
      }
    } else {
      if (stryMutAct_9fa48("2699")) {
        {}
      } else {
        stryCov_9fa48("2699");
        throw new SignatureError(stryMutAct_9fa48("2701") ? "" : (stryCov_9fa48("2701"), 'malformed signer identifier'));
      }
    }
    return result;
  }
}
function certificateMatches(cert: Node, signer: SignerParts): boolean {
  if (stryMutAct_9fa48("2702")) {
    {}
  } else {
    stryCov_9fa48("2702");
    try {
      if (stryMutAct_9fa48("2703")) {
        {}
      } else {
        stryCov_9fa48("2703");
        const tbs = children(cert, stryMutAct_9fa48("2704") ? "" : (stryCov_9fa48("2704"), 'Certificate'))[0];
        if (stryMutAct_9fa48("2707") ? false : stryMutAct_9fa48("2706") ? true : stryMutAct_9fa48("2705") ? tbs : (stryCov_9fa48("2705", "2706", "2707"), !tbs)) return stryMutAct_9fa48("2708") ? true : (stryCov_9fa48("2708"), false);
        const fields = children(tbs, stryMutAct_9fa48("2709") ? "" : (stryCov_9fa48("2709"), 'TBSCertificate'));
        const offset = (stryMutAct_9fa48("2712") ? fields[0]?.tagClass !== Class.CONTEXT_SPECIFIC : stryMutAct_9fa48("2711") ? false : stryMutAct_9fa48("2710") ? true : (stryCov_9fa48("2710", "2711", "2712"), (stryMutAct_9fa48("2713") ? fields[0].tagClass : (stryCov_9fa48("2713"), fields[0]?.tagClass)) === Class.CONTEXT_SPECIFIC)) ? 1 : 0;
        if (stryMutAct_9fa48("2716") ? signer.serial || signer.issuer : stryMutAct_9fa48("2715") ? false : stryMutAct_9fa48("2714") ? true : (stryCov_9fa48("2714", "2715", "2716"), signer.serial && signer.issuer)) {
          if (stryMutAct_9fa48("2717")) {
            {}
          } else {
            stryCov_9fa48("2717");
            const serial = fields[offset];
            const issuer = fields[stryMutAct_9fa48("2718") ? offset - 2 : (stryCov_9fa48("2718"), offset + 2)];
            return stryMutAct_9fa48("2721") ? !!serial && !!issuer && integerBytes(serial).equals(signer.serial) || derOf(issuer).equals(signer.issuer) : stryMutAct_9fa48("2720") ? false : stryMutAct_9fa48("2719") ? true : (stryCov_9fa48("2719", "2720", "2721"), (stryMutAct_9fa48("2723") ? !!serial && !!issuer || integerBytes(serial).equals(signer.serial) : stryMutAct_9fa48("2722") ? true : (stryCov_9fa48("2722", "2723"), (stryMutAct_9fa48("2725") ? !!serial || !!issuer : stryMutAct_9fa48("2724") ? true : (stryCov_9fa48("2724", "2725"), (stryMutAct_9fa48("2726") ? !serial : (stryCov_9fa48("2726"), !(stryMutAct_9fa48("2727") ? serial : (stryCov_9fa48("2727"), !serial)))) && (stryMutAct_9fa48("2728") ? !issuer : (stryCov_9fa48("2728"), !(stryMutAct_9fa48("2729") ? issuer : (stryCov_9fa48("2729"), !issuer)))))) && integerBytes(serial).equals(signer.serial))) && derOf(issuer).equals(signer.issuer));
          }
        }
        if (stryMutAct_9fa48("2731") ? false : stryMutAct_9fa48("2730") ? true : (stryCov_9fa48("2730", "2731"), signer.subjectKeyId)) {
          if (stryMutAct_9fa48("2732")) {
            {}
          } else {
            stryCov_9fa48("2732");
            const ski = subjectKeyIdentifier(fields);
            return stryMutAct_9fa48("2735") ? !!ski || ski.equals(signer.subjectKeyId) : stryMutAct_9fa48("2734") ? false : stryMutAct_9fa48("2733") ? true : (stryCov_9fa48("2733", "2734", "2735"), (stryMutAct_9fa48("2736") ? !ski : (stryCov_9fa48("2736"), !(stryMutAct_9fa48("2737") ? ski : (stryCov_9fa48("2737"), !ski)))) && ski.equals(signer.subjectKeyId));
          }
        }
      }
    } catch {
      if (stryMutAct_9fa48("2738")) {
        {}
      } else {
        stryCov_9fa48("2738");
        return stryMutAct_9fa48("2739") ? true : (stryCov_9fa48("2739"), false);
      }
    }
    return stryMutAct_9fa48("2740") ? true : (stryCov_9fa48("2740"), false);
  }
}
function subjectKeyIdentifier(tbsFields: Node[]): Buffer | undefined {
  if (stryMutAct_9fa48("2741")) {
    {}
  } else {
    stryCov_9fa48("2741");
    const wrapper = tbsFields.find(stryMutAct_9fa48("2742") ? () => undefined : (stryCov_9fa48("2742"), f => stryMutAct_9fa48("2745") ? f.tagClass === Class.CONTEXT_SPECIFIC || f.type === 3 : stryMutAct_9fa48("2744") ? false : stryMutAct_9fa48("2743") ? true : (stryCov_9fa48("2743", "2744", "2745"), (stryMutAct_9fa48("2747") ? f.tagClass !== Class.CONTEXT_SPECIFIC : stryMutAct_9fa48("2746") ? true : (stryCov_9fa48("2746", "2747"), f.tagClass === Class.CONTEXT_SPECIFIC)) && (stryMutAct_9fa48("2749") ? f.type !== 3 : stryMutAct_9fa48("2748") ? true : (stryCov_9fa48("2748", "2749"), f.type === 3)))));
    if (stryMutAct_9fa48("2752") ? false : stryMutAct_9fa48("2751") ? true : stryMutAct_9fa48("2750") ? wrapper : (stryCov_9fa48("2750", "2751", "2752"), !wrapper)) return undefined;
    for (const extension of children(single(children(wrapper, stryMutAct_9fa48("2753") ? "" : (stryCov_9fa48("2753"), 'extensions')), stryMutAct_9fa48("2754") ? "" : (stryCov_9fa48("2754"), 'malformed extensions')), stryMutAct_9fa48("2755") ? "" : (stryCov_9fa48("2755"), 'Extensions'))) {
      if (stryMutAct_9fa48("2756")) {
        {}
      } else {
        stryCov_9fa48("2756");
        const parts = children(extension, stryMutAct_9fa48("2757") ? "" : (stryCov_9fa48("2757"), 'Extension'));
        if (stryMutAct_9fa48("2760") ? parts[0] || oidOf(parts[0]) === '2.5.29.14' : stryMutAct_9fa48("2759") ? false : stryMutAct_9fa48("2758") ? true : (stryCov_9fa48("2758", "2759", "2760"), parts[0] && (stryMutAct_9fa48("2762") ? oidOf(parts[0]) !== '2.5.29.14' : stryMutAct_9fa48("2761") ? true : (stryCov_9fa48("2761", "2762"), oidOf(parts[0]) === (stryMutAct_9fa48("2763") ? "" : (stryCov_9fa48("2763"), '2.5.29.14')))))) {
          if (stryMutAct_9fa48("2764")) {
            {}
          } else {
            stryCov_9fa48("2764");
            const value = octets(parts[stryMutAct_9fa48("2765") ? parts.length + 1 : (stryCov_9fa48("2765"), parts.length - 1)]!);
            const inner = forge.asn1.fromDer(forge.util.createBuffer(value.toString(stryMutAct_9fa48("2766") ? "" : (stryCov_9fa48("2766"), 'binary'))));
            return octets(inner);
          }
        }
      }
    }
    return undefined;
  }
}
function parseAttributes(node: Node): Map<string, Node> {
  if (stryMutAct_9fa48("2767")) {
    {}
  } else {
    stryCov_9fa48("2767");
    const byType = new Map<string, Node>();
    for (const attribute of children(node, stryMutAct_9fa48("2768") ? "" : (stryCov_9fa48("2768"), 'signedAttrs'))) {
      if (stryMutAct_9fa48("2769")) {
        {}
      } else {
        stryCov_9fa48("2769");
        const [type, values] = children(attribute, stryMutAct_9fa48("2770") ? "" : (stryCov_9fa48("2770"), 'Attribute'));
        if (stryMutAct_9fa48("2773") ? !type && !values : stryMutAct_9fa48("2772") ? false : stryMutAct_9fa48("2771") ? true : (stryCov_9fa48("2771", "2772", "2773"), (stryMutAct_9fa48("2774") ? type : (stryCov_9fa48("2774"), !type)) || (stryMutAct_9fa48("2775") ? values : (stryCov_9fa48("2775"), !values)))) throw new SignatureError(stryMutAct_9fa48("2777") ? "" : (stryCov_9fa48("2777"), 'malformed signed attribute'));
        const oid = oidOf(type);
        if (stryMutAct_9fa48("2779") ? false : stryMutAct_9fa48("2778") ? true : (stryCov_9fa48("2778", "2779"), byType.has(oid))) throw new SignatureError(stryMutAct_9fa48("2781") ? "" : (stryCov_9fa48("2781"), 'duplicate signed attribute'));
        byType.set(oid, single(children(values, stryMutAct_9fa48("2783") ? "" : (stryCov_9fa48("2783"), 'AttributeValues')), stryMutAct_9fa48("2784") ? "" : (stryCov_9fa48("2784"), 'signed attribute must have one value')));
      }
    }
    return byType;
  }
}
function children(node: Node, what: string): Node[] {
  if (stryMutAct_9fa48("2785")) {
    {}
  } else {
    stryCov_9fa48("2785");
    if (stryMutAct_9fa48("2788") ? !node.constructed && !Array.isArray(node.value) : stryMutAct_9fa48("2787") ? false : stryMutAct_9fa48("2786") ? true : (stryCov_9fa48("2786", "2787", "2788"), (stryMutAct_9fa48("2789") ? node.constructed : (stryCov_9fa48("2789"), !node.constructed)) || (stryMutAct_9fa48("2790") ? Array.isArray(node.value) : (stryCov_9fa48("2790"), !Array.isArray(node.value))))) throw new SignatureError(stryMutAct_9fa48("2792") ? `` : (stryCov_9fa48("2792"), `malformed ${what}`));
    return node.value as Node[];
  }
}
function single(nodes: Node[], message: string): Node {
  if (stryMutAct_9fa48("2793")) {
    {}
  } else {
    stryCov_9fa48("2793");
    if (stryMutAct_9fa48("2796") ? nodes.length === 1 : stryMutAct_9fa48("2795") ? false : stryMutAct_9fa48("2794") ? true : (stryCov_9fa48("2794", "2795", "2796"), nodes.length !== 1)) if (stryMutAct_9fa48("2797")) {
      ;
    } else {
      stryCov_9fa48("2797");
      throw new SignatureError(message);
    }
    return nodes[0]!;
  }
}
function oidOf(node: Node): string {
  if (stryMutAct_9fa48("2798")) {
    {}
  } else {
    stryCov_9fa48("2798");
    if (stryMutAct_9fa48("2801") ? node.type !== Type.OID && node.constructed : stryMutAct_9fa48("2800") ? false : stryMutAct_9fa48("2799") ? true : (stryCov_9fa48("2799", "2800", "2801"), (stryMutAct_9fa48("2803") ? node.type === Type.OID : stryMutAct_9fa48("2802") ? false : (stryCov_9fa48("2802", "2803"), node.type !== Type.OID)) || node.constructed)) throw new SignatureError(stryMutAct_9fa48("2805") ? "" : (stryCov_9fa48("2805"), 'expected an OID'));
    return forge.asn1.derToOid(node.value as string);
  }
}
function algorithmOid(node: Node): string {
  if (stryMutAct_9fa48("2806")) {
    {}
  } else {
    stryCov_9fa48("2806");
    const [oid] = children(node, stryMutAct_9fa48("2807") ? "" : (stryCov_9fa48("2807"), 'AlgorithmIdentifier'));
    if (stryMutAct_9fa48("2810") ? false : stryMutAct_9fa48("2809") ? true : stryMutAct_9fa48("2808") ? oid : (stryCov_9fa48("2808", "2809", "2810"), !oid)) throw new SignatureError(stryMutAct_9fa48("2812") ? "" : (stryCov_9fa48("2812"), 'malformed AlgorithmIdentifier'));
    return oidOf(oid);
  }
}

/** OCTET STRING contents; BER allows them constructed from segments. */
function octets(node: Node): Buffer {
  if (stryMutAct_9fa48("2813")) {
    {}
  } else {
    stryCov_9fa48("2813");
    if (stryMutAct_9fa48("2816") ? node.type === Type.OCTETSTRING : stryMutAct_9fa48("2815") ? false : stryMutAct_9fa48("2814") ? true : (stryCov_9fa48("2814", "2815", "2816"), node.type !== Type.OCTETSTRING)) throw new SignatureError(stryMutAct_9fa48("2818") ? "" : (stryCov_9fa48("2818"), 'expected an OCTET STRING'));
    if (stryMutAct_9fa48("2821") ? false : stryMutAct_9fa48("2820") ? true : stryMutAct_9fa48("2819") ? node.constructed : (stryCov_9fa48("2819", "2820", "2821"), !node.constructed)) return toBuffer(node.value as string);
    return Buffer.concat((node.value as Node[]).map(octets));
  }
}
function integerBytes(node: Node): Buffer {
  if (stryMutAct_9fa48("2822")) {
    {}
  } else {
    stryCov_9fa48("2822");
    if (stryMutAct_9fa48("2825") ? node.type === Type.INTEGER : stryMutAct_9fa48("2824") ? false : stryMutAct_9fa48("2823") ? true : (stryCov_9fa48("2823", "2824", "2825"), node.type !== Type.INTEGER)) throw new SignatureError(stryMutAct_9fa48("2827") ? "" : (stryCov_9fa48("2827"), 'expected an INTEGER'));
    const bytes = toBuffer(node.value as string);
    let start = 0;
    while (stryMutAct_9fa48("2829") ? start < bytes.length - 1 || bytes[start] === 0 : stryMutAct_9fa48("2828") ? false : (stryCov_9fa48("2828", "2829"), (stryMutAct_9fa48("2832") ? start >= bytes.length - 1 : stryMutAct_9fa48("2831") ? start <= bytes.length - 1 : stryMutAct_9fa48("2830") ? true : (stryCov_9fa48("2830", "2831", "2832"), start < (stryMutAct_9fa48("2833") ? bytes.length + 1 : (stryCov_9fa48("2833"), bytes.length - 1)))) && (stryMutAct_9fa48("2835") ? bytes[start] !== 0 : stryMutAct_9fa48("2834") ? true : (stryCov_9fa48("2834", "2835"), bytes[start] === 0)))) stryMutAct_9fa48("2836") ? start -= 1 : (stryCov_9fa48("2836"), start += 1);
    return bytes.subarray(start);
  }
}
function derOf(node: Node): Buffer {
  if (stryMutAct_9fa48("2837")) {
    {}
  } else {
    stryCov_9fa48("2837");
    return toBuffer(forge.asn1.toDer(node).getBytes());
  }
}
function toBuffer(binary: string): Buffer {
  if (stryMutAct_9fa48("2838")) {
    {}
  } else {
    stryCov_9fa48("2838");
    return Buffer.from(binary, stryMutAct_9fa48("2839") ? "" : (stryCov_9fa48("2839"), 'binary'));
  }
}