package io.onegrid.device.opcua.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Period;
import java.util.Base64;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's PKI directory: its application instance certificate (generated once, RSA 2048, self-signed, five
 * years; the key readable by the owner only), the servers' certificates it trusts, and those it refused, laid out as
 * Milo and most OPC UA tools expect:
 *
 * <pre>
 * own/cert.pem  own/key.pem        this client
 * trusted/certs/  trusted/crl/     servers trusted (copy a server's certificate here: DER .der or PEM .pem)
 * issuers/certs/  issuers/crl/     CAs of servers whose own certificate is not in trusted/
 * rejected/                        refused servers' certificates: move one to trusted/certs to trust it
 * </pre>
 *
 * The trust directories are watched: a certificate copied there counts from the next connection attempt on.
 */
final class ClientPki implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPki.class);

    private final Path dir;
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final String applicationUri;
    private final FileBasedTrustListManager trust;
    private final FileBasedCertificateQuarantine rejected;

    ClientPki(Path dir, String configuredUri) throws Exception {
        this.dir = dir;
        for (String d : List.of("own", "trusted/certs", "trusted/crl", "issuers/certs", "issuers/crl", "rejected")) {
            Files.createDirectories(dir.resolve(d));
        }
        Path certFile = dir.resolve("own/cert.pem");
        Path keyFile = dir.resolve("own/key.pem");
        X509Certificate cert = null;
        KeyPair pair = null;
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            cert = CertificateUtil.decodeCertificate(Files.readAllBytes(certFile));
            pair = new KeyPair(cert.getPublicKey(), readKey(keyFile));
            String uri = CertificateUtil.getSanUri(cert).orElse("");
            if (!configuredUri.isEmpty() && !configuredUri.equals(uri)) {
                LOG.warn("OPC UA client certificate names {}, the configuration {}: creating a new certificate "
                        + "(servers that trusted the old one must trust the new one)", uri, configuredUri);
                cert = null;
            }
        }
        if (cert == null) {
            String uri = configuredUri.isEmpty() ? "urn:onegrid:opcua:" + hostname() : configuredUri;
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
            cert = new SelfSignedCertificateBuilder(pair)
                    .setCommonName("OneGrid OPC UA client")
                    .setOrganization("OneGrid")
                    .setApplicationUri(uri)
                    .addDnsName(hostname())
                    .setValidityPeriod(Period.ofYears(5))
                    .build();
            writeKey(keyFile, pair.getPrivate());
            Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
            LOG.info("OPC UA client certificate created: {} ({}), SHA-1 thumbprint {}", certFile, uri,
                    java.util.HexFormat.of().formatHex(CertificateUtil.thumbprint(cert).bytesOrEmpty()));
        }
        this.keyPair = pair;
        this.certificate = cert;
        this.applicationUri = CertificateUtil.getSanUri(cert).orElse(configuredUri);
        this.trust = new FileBasedTrustListManager(dir.resolve("issuers/certs"), dir.resolve("issuers/crl"),
                dir.resolve("trusted/certs"), dir.resolve("trusted/crl"));
        trust.initialize();
        this.rejected = new FileBasedCertificateQuarantine(dir.resolve("rejected").toFile());
    }

    Path directory() {
        return dir;
    }

    KeyPair keyPair() {
        return keyPair;
    }

    X509Certificate certificate() {
        return certificate;
    }

    String applicationUri() {
        return applicationUri;
    }

    /**
     * Validates servers' certificates against the trust directories. An unknown one is refused and stored under
     * rejected/ — or, with {@code acceptUnknown}, stored under trusted/certs and accepted (trust on first use).
     */
    CertificateValidator validator(boolean acceptUnknown) {
        CertificateValidator strict = new DefaultClientCertificateValidator(trust, rejected);
        return (chain, uri, hostnames) -> {
            try {
                strict.validateCertificateChain(chain, uri, hostnames);
            } catch (UaException e) {
                boolean untrusted = e.getStatusCode().value() == StatusCodes.Bad_SecurityChecksFailed
                        || e.getStatusCode().value() == StatusCodes.Bad_CertificateUntrusted;
                if (!acceptUnknown || !untrusted) {
                    LOG.warn("OPC UA server certificate {} refused ({}); to trust it, move it from {} to {}",
                            chain.get(0).getSubjectX500Principal(), e.getStatusCode(), dir.resolve("rejected"),
                            dir.resolve("trusted/certs"));
                    throw e;
                }
                X509Certificate server = chain.get(0);
                rejected.removeRejectedCertificate(server);
                trust.addTrustedCertificate(server);
                LOG.warn("OPC UA server certificate {} accepted on first use and stored in {} "
                        + "(acceptUnknownServerCertificates=true)", server.getSubjectX500Principal(),
                        dir.resolve("trusted/certs"));
            }
        };
    }

    @Override
    public void close() throws IOException {
        trust.close();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static PrivateKey readKey(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(text)));
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
