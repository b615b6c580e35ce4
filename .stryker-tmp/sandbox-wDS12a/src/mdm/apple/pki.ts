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
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/**
 * Certificates of the Apple area, built with node-forge (keys from node:crypto, which is far faster than forge's
 * pure-JS generator). No storage here: src/mdm/apple/services.ts decides where keys live.
 */
export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}
export interface IssuedCertificate {
  certPem: string;
  serial: string;
  sha256: string;
  notBefore: Date;
  notAfter: Date;
}
export function newRsaKeyPem(bits = 2048): string {
  if (stryMutAct_9fa48("2000")) {
    {}
  } else {
    stryCov_9fa48("2000");
    const {
      privateKey
    } = generateKeyPairSync(stryMutAct_9fa48("2001") ? "" : (stryCov_9fa48("2001"), 'rsa'), stryMutAct_9fa48("2002") ? {} : (stryCov_9fa48("2002"), {
      modulusLength: bits
    }));
    return privateKey.export({
      type: 'pkcs8',
      format: 'pem'
    }) as string;
  }
}

/** Positive 128-bit serial, hex without leading zero bytes. */
export function newSerial(): string {
  if (stryMutAct_9fa48("2003")) {
    {}
  } else {
    stryCov_9fa48("2003");
    const bytes = randomBytes(16);
    bytes[0] = bytes[0]! & 0x7f | 0x10;
    return bytes.toString(stryMutAct_9fa48("2004") ? "" : (stryCov_9fa48("2004"), 'hex'));
  }
}
export function createCa(commonName: string, organization: string, now: Date, years = 10): KeyPairPem {
  if (stryMutAct_9fa48("2005")) {
    {}
  } else {
    stryCov_9fa48("2005");
    const keyPem = newRsaKeyPem(3072);
    const key = forge.pki.privateKeyFromPem(keyPem);
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.serialNumber = newSerial();
    cert.validity.notBefore = new Date(stryMutAct_9fa48("2006") ? now.getTime() + 60_000 : (stryCov_9fa48("2006"), now.getTime() - 60_000));
    cert.validity.notAfter = new Date(stryMutAct_9fa48("2007") ? now.getTime() - years * 365 * 86_400_000 : (stryCov_9fa48("2007"), now.getTime() + (stryMutAct_9fa48("2008") ? years * 365 / 86_400_000 : (stryCov_9fa48("2008"), (stryMutAct_9fa48("2009") ? years / 365 : (stryCov_9fa48("2009"), years * 365)) * 86_400_000))));
    const name = stryMutAct_9fa48("2010") ? [] : (stryCov_9fa48("2010"), [stryMutAct_9fa48("2011") ? {} : (stryCov_9fa48("2011"), {
      name: stryMutAct_9fa48("2012") ? "" : (stryCov_9fa48("2012"), 'commonName'),
      value: commonName
    }), stryMutAct_9fa48("2013") ? {} : (stryCov_9fa48("2013"), {
      name: stryMutAct_9fa48("2014") ? "" : (stryCov_9fa48("2014"), 'organizationName'),
      value: organization
    })]);
    if (stryMutAct_9fa48("2015")) {
      ;
    } else {
      stryCov_9fa48("2015");
      cert.setSubject(name);
    }
    if (stryMutAct_9fa48("2016")) {
      ;
    } else {
      stryCov_9fa48("2016");
      cert.setIssuer(name);
    }
    cert.setExtensions(stryMutAct_9fa48("2018") ? [] : (stryCov_9fa48("2018"), [stryMutAct_9fa48("2019") ? {} : (stryCov_9fa48("2019"), {
      name: stryMutAct_9fa48("2020") ? "" : (stryCov_9fa48("2020"), 'basicConstraints'),
      cA: stryMutAct_9fa48("2021") ? false : (stryCov_9fa48("2021"), true),
      critical: stryMutAct_9fa48("2022") ? false : (stryCov_9fa48("2022"), true),
      pathLenConstraint: 0
    }), stryMutAct_9fa48("2023") ? {} : (stryCov_9fa48("2023"), {
      name: stryMutAct_9fa48("2024") ? "" : (stryCov_9fa48("2024"), 'keyUsage'),
      keyCertSign: stryMutAct_9fa48("2025") ? false : (stryCov_9fa48("2025"), true),
      cRLSign: stryMutAct_9fa48("2026") ? false : (stryCov_9fa48("2026"), true),
      critical: stryMutAct_9fa48("2027") ? false : (stryCov_9fa48("2027"), true)
    }), stryMutAct_9fa48("2028") ? {} : (stryCov_9fa48("2028"), {
      name: stryMutAct_9fa48("2029") ? "" : (stryCov_9fa48("2029"), 'subjectKeyIdentifier')
    })]));
    if (stryMutAct_9fa48("2030")) {
      ;
    } else {
      stryCov_9fa48("2030");
      cert.sign(key, forge.md.sha256.create());
    }
    return stryMutAct_9fa48("2031") ? {} : (stryCov_9fa48("2031"), {
      certPem: forge.pki.certificateToPem(cert),
      keyPem
    });
  }
}
export type CertificatePurpose = 'device-identity' | 'profile-signer';
export function issueCertificate(ca: KeyPairPem, options: {
  commonName: string;
  organization: string;
  publicKeyPem: string;
  purpose: CertificatePurpose;
  now: Date;
  days: number;
}): IssuedCertificate {
  if (stryMutAct_9fa48("2032")) {
    {}
  } else {
    stryCov_9fa48("2032");
    const caCert = forge.pki.certificateFromPem(ca.certPem);
    const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(options.publicKeyPem);
    cert.serialNumber = newSerial();
    cert.validity.notBefore = new Date(stryMutAct_9fa48("2033") ? options.now.getTime() + 60_000 : (stryCov_9fa48("2033"), options.now.getTime() - 60_000));
    cert.validity.notAfter = new Date(stryMutAct_9fa48("2034") ? options.now.getTime() - options.days * 86_400_000 : (stryCov_9fa48("2034"), options.now.getTime() + (stryMutAct_9fa48("2035") ? options.days / 86_400_000 : (stryCov_9fa48("2035"), options.days * 86_400_000))));
    cert.setSubject(stryMutAct_9fa48("2037") ? [] : (stryCov_9fa48("2037"), [stryMutAct_9fa48("2038") ? {} : (stryCov_9fa48("2038"), {
      name: stryMutAct_9fa48("2039") ? "" : (stryCov_9fa48("2039"), 'commonName'),
      value: options.commonName
    }), stryMutAct_9fa48("2040") ? {} : (stryCov_9fa48("2040"), {
      name: stryMutAct_9fa48("2041") ? "" : (stryCov_9fa48("2041"), 'organizationName'),
      value: options.organization
    })]));
    if (stryMutAct_9fa48("2042")) {
      ;
    } else {
      stryCov_9fa48("2042");
      cert.setIssuer(caCert.subject.attributes);
    }
    const identity = stryMutAct_9fa48("2045") ? options.purpose !== 'device-identity' : stryMutAct_9fa48("2044") ? false : stryMutAct_9fa48("2043") ? true : (stryCov_9fa48("2043", "2044", "2045"), options.purpose === (stryMutAct_9fa48("2046") ? "" : (stryCov_9fa48("2046"), 'device-identity')));
    cert.setExtensions(stryMutAct_9fa48("2048") ? [] : (stryCov_9fa48("2048"), [stryMutAct_9fa48("2049") ? {} : (stryCov_9fa48("2049"), {
      name: stryMutAct_9fa48("2050") ? "" : (stryCov_9fa48("2050"), 'basicConstraints'),
      cA: stryMutAct_9fa48("2051") ? true : (stryCov_9fa48("2051"), false),
      critical: stryMutAct_9fa48("2052") ? false : (stryCov_9fa48("2052"), true)
    }), stryMutAct_9fa48("2053") ? {} : (stryCov_9fa48("2053"), {
      name: stryMutAct_9fa48("2054") ? "" : (stryCov_9fa48("2054"), 'keyUsage'),
      digitalSignature: stryMutAct_9fa48("2055") ? false : (stryCov_9fa48("2055"), true),
      keyEncipherment: identity,
      critical: stryMutAct_9fa48("2056") ? false : (stryCov_9fa48("2056"), true)
    }), stryMutAct_9fa48("2057") ? {} : (stryCov_9fa48("2057"), {
      name: stryMutAct_9fa48("2058") ? "" : (stryCov_9fa48("2058"), 'extKeyUsage'),
      clientAuth: identity,
      emailProtection: stryMutAct_9fa48("2059") ? identity : (stryCov_9fa48("2059"), !identity),
      codeSigning: stryMutAct_9fa48("2060") ? identity : (stryCov_9fa48("2060"), !identity)
    }), stryMutAct_9fa48("2061") ? {} : (stryCov_9fa48("2061"), {
      name: stryMutAct_9fa48("2062") ? "" : (stryCov_9fa48("2062"), 'subjectKeyIdentifier')
    }), stryMutAct_9fa48("2063") ? {} : (stryCov_9fa48("2063"), {
      name: stryMutAct_9fa48("2064") ? "" : (stryCov_9fa48("2064"), 'authorityKeyIdentifier'),
      keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes()
    })]));
    if (stryMutAct_9fa48("2065")) {
      ;
    } else {
      stryCov_9fa48("2065");
      cert.sign(caKey, forge.md.sha256.create());
    }
    const certPem = forge.pki.certificateToPem(cert);
    const x509 = new X509Certificate(certPem);
    return stryMutAct_9fa48("2066") ? {} : (stryCov_9fa48("2066"), {
      certPem,
      serial: stryMutAct_9fa48("2067") ? x509.serialNumber.toUpperCase() : (stryCov_9fa48("2067"), x509.serialNumber.toLowerCase()),
      sha256: sha256Hex(x509.raw),
      notBefore: new Date(x509.validFrom),
      notAfter: new Date(x509.validTo)
    });
  }
}
export function publicKeyPemOf(privateKeyPem: string): string {
  if (stryMutAct_9fa48("2068")) {
    {}
  } else {
    stryCov_9fa48("2068");
    return createPublicKey(privateKeyPem).export({
      type: 'spki',
      format: 'pem'
    }) as string;
  }
}

/** PKCS#12 holding the device identity (key + certificate + CA), 3DES so every iOS/macOS version opens it. */
export function buildPkcs12(identity: KeyPairPem, caCertPem: string, password: string, friendlyName: string): Buffer {
  if (stryMutAct_9fa48("2069")) {
    {}
  } else {
    stryCov_9fa48("2069");
    const asn1 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(identity.keyPem), stryMutAct_9fa48("2070") ? [] : (stryCov_9fa48("2070"), [forge.pki.certificateFromPem(identity.certPem), forge.pki.certificateFromPem(caCertPem)]), password, stryMutAct_9fa48("2071") ? {} : (stryCov_9fa48("2071"), {
      algorithm: stryMutAct_9fa48("2072") ? "" : (stryCov_9fa48("2072"), '3des'),
      friendlyName
    }));
    return Buffer.from(forge.asn1.toDer(asn1).getBytes(), stryMutAct_9fa48("2073") ? "" : (stryCov_9fa48("2073"), 'binary'));
  }
}

/** Attached CMS SignedData (DER) over `content`, SHA-256, with contentType/messageDigest/signingTime. */
export function signAttached(content: Buffer, signer: KeyPairPem, chainPems: string[], signingTime: Date): Buffer {
  if (stryMutAct_9fa48("2074")) {
    {}
  } else {
    stryCov_9fa48("2074");
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(content.toString(stryMutAct_9fa48("2075") ? "" : (stryCov_9fa48("2075"), 'binary')));
    const certificate = forge.pki.certificateFromPem(signer.certPem);
    if (stryMutAct_9fa48("2076")) {
      ;
    } else {
      stryCov_9fa48("2076");
      p7.addCertificate(certificate);
    }
    for (const pem of chainPems) if (stryMutAct_9fa48("2077")) {
      ;
    } else {
      stryCov_9fa48("2077");
      p7.addCertificate(forge.pki.certificateFromPem(pem));
    }
    if (stryMutAct_9fa48("2078")) {
      ;
    } else {
      stryCov_9fa48("2078");
      p7.addSigner(stryMutAct_9fa48("2079") ? {} : (stryCov_9fa48("2079"), {
        key: forge.pki.privateKeyFromPem(signer.keyPem),
        certificate,
        digestAlgorithm: forge.pki.oids.sha256!,
        authenticatedAttributes: stryMutAct_9fa48("2080") ? [] : (stryCov_9fa48("2080"), [stryMutAct_9fa48("2081") ? {} : (stryCov_9fa48("2081"), {
          type: forge.pki.oids.contentType!,
          value: forge.pki.oids.data
        }), stryMutAct_9fa48("2082") ? {} : (stryCov_9fa48("2082"), {
          type: forge.pki.oids.messageDigest!
        }), stryMutAct_9fa48("2083") ? {} : (stryCov_9fa48("2083"), {
          type: forge.pki.oids.signingTime!,
          value: signingTime as unknown as string
        })])
      }));
    }
    if (stryMutAct_9fa48("2084")) {
      ;
    } else {
      stryCov_9fa48("2084");
      p7.sign();
    }
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), stryMutAct_9fa48("2085") ? "" : (stryCov_9fa48("2085"), 'binary'));
  }
}

/** Detached CMS over `content`, as a device signs its requests (used by the simulator and tests). */
export function signDetached(content: Buffer, signer: KeyPairPem, options: {
  digest?: 'sha1' | 'sha256';
  signedAttributes?: boolean;
  signingTime?: Date;
} = {}): Buffer {
  if (stryMutAct_9fa48("2086")) {
    {}
  } else {
    stryCov_9fa48("2086");
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(content.toString(stryMutAct_9fa48("2087") ? "" : (stryCov_9fa48("2087"), 'binary')));
    const certificate = forge.pki.certificateFromPem(signer.certPem);
    if (stryMutAct_9fa48("2088")) {
      ;
    } else {
      stryCov_9fa48("2088");
      p7.addCertificate(certificate);
    }
    const withAttributes = stryMutAct_9fa48("2089") ? options.signedAttributes && true : (stryCov_9fa48("2089"), options.signedAttributes ?? (stryMutAct_9fa48("2090") ? false : (stryCov_9fa48("2090"), true)));
    if (stryMutAct_9fa48("2091")) {
      ;
    } else {
      stryCov_9fa48("2091");
      p7.addSigner(stryMutAct_9fa48("2092") ? {} : (stryCov_9fa48("2092"), {
        key: forge.pki.privateKeyFromPem(signer.keyPem),
        certificate,
        digestAlgorithm: (stryMutAct_9fa48("2095") ? options.digest !== 'sha1' : stryMutAct_9fa48("2094") ? false : stryMutAct_9fa48("2093") ? true : (stryCov_9fa48("2093", "2094", "2095"), options.digest === (stryMutAct_9fa48("2096") ? "" : (stryCov_9fa48("2096"), 'sha1')))) ? forge.pki.oids.sha1! : forge.pki.oids.sha256!,
        authenticatedAttributes: withAttributes ? stryMutAct_9fa48("2097") ? [] : (stryCov_9fa48("2097"), [stryMutAct_9fa48("2098") ? {} : (stryCov_9fa48("2098"), {
          type: forge.pki.oids.contentType!,
          value: forge.pki.oids.data
        }), stryMutAct_9fa48("2099") ? {} : (stryCov_9fa48("2099"), {
          type: forge.pki.oids.messageDigest!
        }), stryMutAct_9fa48("2100") ? {} : (stryCov_9fa48("2100"), {
          type: forge.pki.oids.signingTime!,
          value: (options.signingTime ?? new Date()) as unknown as string
        })]) : stryMutAct_9fa48("2101") ? ["Stryker was here"] : (stryCov_9fa48("2101"), [])
      }));
    }
    p7.sign(stryMutAct_9fa48("2103") ? {} : (stryCov_9fa48("2103"), {
      detached: stryMutAct_9fa48("2104") ? false : (stryCov_9fa48("2104"), true)
    }));
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), stryMutAct_9fa48("2105") ? "" : (stryCov_9fa48("2105"), 'binary'));
  }
}

/** The APNs topic of an MDM push certificate: its subject UID (0.9.2342.19200300.100.1.1). */
export function topicFromPushCertificate(certPem: string): string {
  if (stryMutAct_9fa48("2106")) {
    {}
  } else {
    stryCov_9fa48("2106");
    const cert = forge.pki.certificateFromPem(certPem);
    const uid = cert.subject.attributes.find(stryMutAct_9fa48("2107") ? () => undefined : (stryCov_9fa48("2107"), a => stryMutAct_9fa48("2110") ? a.type !== '0.9.2342.19200300.100.1.1' : stryMutAct_9fa48("2109") ? false : stryMutAct_9fa48("2108") ? true : (stryCov_9fa48("2108", "2109", "2110"), a.type === (stryMutAct_9fa48("2111") ? "" : (stryCov_9fa48("2111"), '0.9.2342.19200300.100.1.1')))));
    const topic = (stryMutAct_9fa48("2114") ? typeof uid?.value !== 'string' : stryMutAct_9fa48("2113") ? false : stryMutAct_9fa48("2112") ? true : (stryCov_9fa48("2112", "2113", "2114"), typeof (stryMutAct_9fa48("2115") ? uid.value : (stryCov_9fa48("2115"), uid?.value)) === (stryMutAct_9fa48("2116") ? "" : (stryCov_9fa48("2116"), 'string')))) ? uid.value : undefined;
    if (stryMutAct_9fa48("2119") ? !topic && !topic.startsWith('com.apple.mgmt.') : stryMutAct_9fa48("2118") ? false : stryMutAct_9fa48("2117") ? true : (stryCov_9fa48("2117", "2118", "2119"), (stryMutAct_9fa48("2120") ? topic : (stryCov_9fa48("2120"), !topic)) || (stryMutAct_9fa48("2121") ? topic.startsWith('com.apple.mgmt.') : (stryCov_9fa48("2121"), !(stryMutAct_9fa48("2122") ? topic.endsWith('com.apple.mgmt.') : (stryCov_9fa48("2122"), topic.startsWith(stryMutAct_9fa48("2123") ? "" : (stryCov_9fa48("2123"), 'com.apple.mgmt.')))))))) throw new Error(stryMutAct_9fa48("2125") ? "" : (stryCov_9fa48("2125"), 'The push certificate has no com.apple.mgmt.* UID (topic)'));
    return topic;
  }
}
export function sha256Hex(data: Buffer | Uint8Array | string): string {
  if (stryMutAct_9fa48("2126")) {
    {}
  } else {
    stryCov_9fa48("2126");
    return createHash(stryMutAct_9fa48("2127") ? "" : (stryCov_9fa48("2127"), 'sha256')).update(data).digest(stryMutAct_9fa48("2128") ? "" : (stryCov_9fa48("2128"), 'hex'));
  }
}

/** Extracts identity key + certificate from a PKCS#12 (what a device does when it installs the profile). */
export function readPkcs12(der: Buffer, password: string): KeyPairPem {
  if (stryMutAct_9fa48("2129")) {
    {}
  } else {
    stryCov_9fa48("2129");
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString(stryMutAct_9fa48("2130") ? "" : (stryCov_9fa48("2130"), 'binary'))), password);
    const keyBag = stryMutAct_9fa48("2131") ? p12.getBags({
      bagType: forge.pki.oids.pkcs8ShroudedKeyBag!
    })[forge.pki.oids.pkcs8ShroudedKeyBag!][0] : (stryCov_9fa48("2131"), p12.getBags(stryMutAct_9fa48("2132") ? {} : (stryCov_9fa48("2132"), {
      bagType: forge.pki.oids.pkcs8ShroudedKeyBag!
    }))[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0]);
    const certBags = stryMutAct_9fa48("2133") ? p12.getBags({
      bagType: forge.pki.oids.certBag!
    })[forge.pki.oids.certBag!] && [] : (stryCov_9fa48("2133"), p12.getBags(stryMutAct_9fa48("2134") ? {} : (stryCov_9fa48("2134"), {
      bagType: forge.pki.oids.certBag!
    }))[forge.pki.oids.certBag!] ?? (stryMutAct_9fa48("2135") ? ["Stryker was here"] : (stryCov_9fa48("2135"), [])));
    if (stryMutAct_9fa48("2138") ? false : stryMutAct_9fa48("2137") ? true : stryMutAct_9fa48("2136") ? keyBag?.key : (stryCov_9fa48("2136", "2137", "2138"), !(stryMutAct_9fa48("2139") ? keyBag.key : (stryCov_9fa48("2139"), keyBag?.key)))) throw new Error(stryMutAct_9fa48("2141") ? "" : (stryCov_9fa48("2141"), 'PKCS#12 holds no private key'));
    const publicPem = forge.pki.publicKeyToPem(forge.pki.setRsaPublicKey((keyBag.key as forge.pki.rsa.PrivateKey).n, (keyBag.key as forge.pki.rsa.PrivateKey).e));
    const own = certBags.find(stryMutAct_9fa48("2142") ? () => undefined : (stryCov_9fa48("2142"), b => stryMutAct_9fa48("2145") ? b.cert || forge.pki.publicKeyToPem(b.cert.publicKey) === publicPem : stryMutAct_9fa48("2144") ? false : stryMutAct_9fa48("2143") ? true : (stryCov_9fa48("2143", "2144", "2145"), b.cert && (stryMutAct_9fa48("2147") ? forge.pki.publicKeyToPem(b.cert.publicKey) !== publicPem : stryMutAct_9fa48("2146") ? true : (stryCov_9fa48("2146", "2147"), forge.pki.publicKeyToPem(b.cert.publicKey) === publicPem)))));
    if (stryMutAct_9fa48("2150") ? false : stryMutAct_9fa48("2149") ? true : stryMutAct_9fa48("2148") ? own?.cert : (stryCov_9fa48("2148", "2149", "2150"), !(stryMutAct_9fa48("2151") ? own.cert : (stryCov_9fa48("2151"), own?.cert)))) throw new Error(stryMutAct_9fa48("2153") ? "" : (stryCov_9fa48("2153"), 'PKCS#12 holds no certificate for its key'));
    return stryMutAct_9fa48("2154") ? {} : (stryCov_9fa48("2154"), {
      keyPem: forge.pki.privateKeyToPem(keyBag.key),
      certPem: forge.pki.certificateToPem(own.cert)
    });
  }
}