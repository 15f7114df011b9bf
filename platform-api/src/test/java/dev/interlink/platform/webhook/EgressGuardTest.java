package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.common.DevMode;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every address form a webhook must never reach, one case each; and the URL rules of dev and production mode. */
class EgressGuardTest {
    private final WebhookUrls production = new WebhookUrls(new DevMode(false, "/tmp"));
    private final WebhookUrls dev = new WebhookUrls(new DevMode(true, "/tmp"));

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(
            strings = {
                "127.0.0.1", // loopback
                "127.255.255.254", // loopback, end of the range
                "10.0.0.1", // private 10/8
                "172.16.0.1", // private 172.16/12, start
                "172.31.255.255", // private 172.16/12, end
                "192.168.1.1", // private 192.168/16
                "100.64.0.1", // carrier-grade NAT 100.64/10
                "100.127.255.255", // carrier-grade NAT, end
                "169.254.169.254", // cloud metadata (link-local)
                "169.254.0.1", // link-local
                "0.0.0.0", // unspecified
                "0.1.2.3", // "this network" 0/8
                "224.0.0.1", // multicast
                "239.255.255.250", // multicast (SSDP)
                "240.0.0.1", // reserved
                "255.255.255.255", // broadcast
                "[::1]", // IPv6 loopback
                "[::]", // IPv6 unspecified
                "[fc00::1]", // unique local fc00::/7
                "[fd12:3456::1]", // unique local fd00::/8
                "[fe80::1]", // IPv6 link-local
                "[ff02::1]", // IPv6 multicast
                "[::ffff:127.0.0.1]", // IPv4-mapped loopback
                "[::ffff:169.254.169.254]", // IPv4-mapped metadata
                "[::ffff:10.0.0.1]", // IPv4-mapped private
                "[::127.0.0.1]", // IPv4-compatible loopback
                "[::10.0.0.1]", // IPv4-compatible private
                "[64:ff9b::a9fe:a9fe]", // NAT64 of 169.254.169.254
                "[2002:7f00:1::]", // 6to4 of 127.0.0.1
                "2130706433", // decimal integer of 127.0.0.1
                "017700000001", // octal integer of 127.0.0.1
                "0x7f000001", // hex integer of 127.0.0.1
                "0177.0.0.1", // octal dotted
                "0x7f.0.0.1", // hex dotted
                "127.1", // short dotted form
                "10.1", // short dotted form of 10.0.0.1
                "localhost", // the loopback name
                "api.localhost", // *.localhost is loopback by definition
            })
    void a_non_public_address_form_is_refused_when_the_endpoint_is_saved(String host) {
        assertThat(production.problem("https://" + host + "/hook")).isNotNull();
    }

    @ParameterizedTest(name = "{0} is refused at send time")
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.1",
                "172.20.0.5",
                "192.168.0.10",
                "100.100.100.100",
                "169.254.169.254",
                "0.0.0.0",
                "224.0.0.251",
                "::1",
                "::",
                "fc00::1",
                "fe80::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::127.0.0.1",
            })
    void a_host_name_resolving_to_a_non_public_address_is_refused_at_send_time(String address) throws Exception {
        InetAddress resolved = InetAddress.getByName(address);
        WebhookSender sender = new WebhookSender(host -> new InetAddress[] {resolved}, production, 2_000);
        WebhookSender.Result result = sender.send("https://rebinding.example/hook", Map.of(), new byte[0]);
        assertThat(result.status()).isNull();
        assertThat(result.error()).contains("non-public address");
    }

    @Test
    void a_name_with_one_public_and_one_private_address_is_refused() throws Exception {
        InetAddress[] both = {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")};
        WebhookSender sender = new WebhookSender(host -> both, production, 2_000);
        assertThat(sender.send("https://mixed.example/hook", Map.of(), new byte[0])
                        .error())
                .contains("non-public address");
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "[2606:4700::1111]"})
    void a_public_address_is_allowed(String host) {
        assertThat(production.problem("https://" + host + "/hook")).isNull();
    }

    @Test
    void outside_dev_mode_only_https_is_accepted() {
        assertThat(production.problem("http://hooks.example.com/x")).isEqualTo("must use https");
        assertThat(production.problem("https://hooks.example.com/x")).isNull();
        assertThat(production.problem("http://127.0.0.1:8080/x")).isNotNull();
    }

    @Test
    void dev_mode_additionally_allows_http_to_127_0_0_1_and_localhost_only() {
        assertThat(dev.problem("http://127.0.0.1:8080/x")).isNull();
        assertThat(dev.problem("http://localhost:8080/x")).isNull();
        assertThat(dev.problem("http://10.0.0.1/x")).isNotNull();
        assertThat(dev.problem("http://hooks.example.com/x")).isNotNull();
        assertThat(dev.problem("https://169.254.169.254/latest/meta-data")).isNotNull();
    }

    @Test
    void user_info_fragments_and_relative_urls_are_refused() {
        assertThat(production.problem("https://user:pw@hooks.example.com/x")).contains("user info");
        assertThat(production.problem("https://hooks.example.com/x#frag")).contains("fragment");
        assertThat(production.problem("/relative")).isNotNull();
        assertThat(production.problem("ftp://hooks.example.com/x")).isNotNull();
    }

    @Test
    void in_dev_mode_loopback_is_reachable_only_through_the_dev_host_names() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        WebhookSender sender = new WebhookSender(host -> new InetAddress[] {loopback}, dev, 2_000);
        assertThat(sender.pick("127.0.0.1")).isEqualTo(loopback);
        assertThat(sender.send("https://sneaky.example/hook", Map.of(), new byte[0])
                        .error())
                .contains("non-public address");
    }
}
