package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The address registry in the running distribution: doorplate QR codes a phone can read. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AddressIT extends OneGridTestSupport {

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    @Test
    public void aVillageDoorplateQrDecodesToItsResidentPage() throws Exception {
        awaitHealthy();
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/doorplates/370399101201/qr.png?size=6")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        assertEquals("http://localhost:8181/r/370399101201", text);

        Answer svg = get("/doorplates/370399101201/qr.svg");
        assertEquals(200, svg.status());
        assertTrue(svg.body().startsWith("<svg") || svg.body().contains("<svg"));
    }

    @Test
    public void onlyExistingDoorplatesHaveCodes() throws Exception {
        awaitHealthy();
        assertEquals(404, get("/doorplates/370399101299/qr.png").status());
        assertEquals(404, get("/doorplates/37039910120199999999/qr.png").status());
        assertEquals(404, get("/doorplates/370399101000/qr.png").status()); // a town has no doorplate
        assertEquals(400, get("/doorplates/370399101201/qr.png?size=99").status());
    }
}
