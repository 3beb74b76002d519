import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Problem-library search bench against a running Calmdesk: bulk-imports N generated articles
 * (mixed Chinese and English, published), rebuilds the search index from the database (index
 * build time), then runs ranked searches with realistic Chinese and English queries, closed-loop
 * on 1 and on C connections, and prints p50, p95 and p99 per run.
 *
 * java bench/KnowledgeBench.java BASE_URL [articles=50000] [connections=8] [seconds=20]
 */
public class KnowledgeBench {

    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    static final int PER_REQUEST = 500;

    // Vocabulary of the generated library: products x problems, so terms repeat the way a real
    // library's do (many articles share "信用卡" or "delay", few share a whole title).
    static final String[] ZH_PRODUCTS = { "信用卡", "借记卡", "手机银行", "网银", "宽带", "手机", "航班", "快递", "会员卡", "保险",
            "理财产品", "话费套餐", "流量包", "外卖订单", "电视机", "洗衣机", "高铁票", "酒店预订", "电子钱包", "积分" };
    static final String[] ZH_PROBLEMS = { "扣费异常", "无法登录", "转账失败", "限额不足", "逾期影响征信", "延误", "质量问题", "服务态度差",
            "退款太慢", "积分被清零", "重复扣款", "送货超时", "无法激活", "账单看不懂", "被冻结", "理赔被拒", "信号差", "自动续费",
            "发票开错", "预约被取消" };
    static final String[] ZH_CAUSES = { "系统升级导致数据同步延迟", "风控策略触发了自动拦截", "合作方接口超时", "客户资料与登记信息不一致",
            "规则调整后未及时告知客户", "一线人员培训不足", "物流中转站爆仓", "生产批次存在缺陷", "对账流程需要人工复核",
            "营销活动页面说明不清楚" };
    static final String[] ZH_SOLUTIONS = { "先安抚客户情绪，核实流水后在两个工作日内处理完毕", "说明原因，提供替代方案并登记回访",
            "升级至专人跟进，当天给出明确答复", "按政策给予补偿，并优化相关流程", "协助客户完成自助操作，发送书面确认" };
    static final String[] EN_PRODUCTS = { "credit card", "debit card", "mobile banking", "broadband", "phone", "flight", "parcel",
            "membership", "insurance policy", "savings account", "data plan", "food order", "television", "washing machine",
            "train ticket", "hotel booking", "e-wallet", "loyalty points", "subscription", "router" };
    static final String[] EN_PROBLEMS = { "charged twice", "cannot log in", "transfer failed", "limit too low", "late payment reported",
            "delayed", "defective", "rude agent", "refund too slow", "points expired", "duplicate charge", "late delivery",
            "cannot activate", "confusing bill", "account frozen", "claim rejected", "poor signal", "auto renewal",
            "wrong invoice", "booking cancelled" };
    static final String[] EN_CAUSES = { "a system upgrade delayed data synchronisation", "the fraud rules blocked it automatically",
            "a partner interface timed out", "customer records did not match", "a policy change was not announced",
            "front-line staff lacked training", "the sorting hub was overloaded", "a production batch was faulty",
            "reconciliation needs a manual check", "the campaign page was unclear" };
    static final String[] EN_SOLUTIONS = { "Calm the customer, check the records and fix it within two business days.",
            "Explain the reason, offer an alternative and schedule a call back.",
            "Escalate to a named owner who answers the same day.",
            "Compensate per policy and improve the process.", "Walk the customer through self-service and confirm in writing." };

    static final String[] QUERIES = { "信用卡逾期怎么办", "手机银行转账失败", "宽带无法登录怎么办", "航班延误没人通知", "快递送货超时",
            "会员积分被清零了", "保险理赔被拒绝", "话费套餐重复扣款", "电视机质量问题", "客服服务态度差", "退款太慢", "电子钱包被冻结",
            "高铁票预约被取消", "洗衣机无法激活", "发票开错了", "credit card late payment", "mobile banking transfer failed",
            "flight delayed", "parcel late delivery", "rude agent on the phone", "refund too slow", "account frozen",
            "insurance claim rejected", "data plan charged twice", "router poor signal", "cannot log in to broadband",
            "wrong invoice for hotel booking", "loyalty points expired", "subscription auto renewal", "defective washing machine" };

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8181";
        int articles = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);

        long started = System.nanoTime();
        Random random = new Random(42);
        for (int from = 0; from < articles; from += PER_REQUEST) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(articles, from + PER_REQUEST); i++) {
                body.append(i == from ? "" : ",").append(article(run, i, random));
            }
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/articles/import"))
                    .header("Authorization", AUTH).header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("import failed: " + response.statusCode() + " " + response.body());
            }
        }
        double importSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "imported %d articles (database + index) in %.1f s (%.0f articles/s)%n", articles,
                importSeconds, articles / importSeconds);

        HttpResponse<String> reindex = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/articles/reindex"))
                .header("Authorization", AUTH).timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("full index rebuild from the database: " + reindex.body());

        measure("warm-up", client, base, connections, 10);
        List<String> lines = new ArrayList<>();
        lines.add(measure("search, 1 connection", client, base, 1, seconds));
        lines.add(measure("search, " + connections + " connections", client, base, connections, seconds));
        System.out.printf(Locale.ROOT, "%n%-26s %9s %8s %8s %8s %7s%n", "GET /articles/search", "req/s", "p50 ms", "p95 ms", "p99 ms",
                "errors");
        lines.forEach(System.out::println);
    }

    static String article(String run, int i, Random random) {
        boolean zh = i % 2 == 0;
        String[] products = zh ? ZH_PRODUCTS : EN_PRODUCTS;
        String[] problems = zh ? ZH_PROBLEMS : EN_PROBLEMS;
        String product = products[random.nextInt(products.length)];
        String problem = problems[random.nextInt(problems.length)];
        String cause = (zh ? ZH_CAUSES : EN_CAUSES)[random.nextInt(ZH_CAUSES.length)];
        String solution = (zh ? ZH_SOLUTIONS : EN_SOLUTIONS)[random.nextInt(ZH_SOLUTIONS.length)];
        String category = new String[] { "PRODUCT_QUALITY", "AFTER_SALES", "SERVICE_ATTITUDE", "BILLING", "DELIVERY", "POLICY",
                "OTHER" }[random.nextInt(7)];
        String title = zh ? product + problem + "（案例" + i + "）" : product + " " + problem + " (case " + i + ")";
        String text = zh ? "客户反映" + product + problem + "，多次联系未解决，情绪激动，要求尽快处理并给予补偿。"
                : "The customer reports that their " + product + " is " + problem + "; they contacted us several times and want it fixed.";
        String script = zh ? "非常理解您的心情，关于" + product + "的问题我来负责跟进。"
                : "I understand how frustrating this is; I will personally follow up on your " + product + ".";
        return String.format(Locale.ROOT, "{\"key\":\"bench-%s-%d\",\"title\":\"%s\",\"problem\":\"%s\",\"rootCause\":\"%s\","
                + "\"solution\":\"%s\",\"scripts\":[\"%s\"],\"category\":\"%s\",\"tags\":[\"%s\"],\"language\":\"%s\"}",
                run, i, title, text, cause, solution, script, category, product, zh ? "zh" : "en");
    }

    static String measure(String name, HttpClient client, String base, int connections, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            long[] samples = new long[2_000_000];
            perThread.add(samples);
            Thread thread = new Thread(() -> {
                int n = 0;
                try {
                    while (System.nanoTime() < deadline && n < samples.length) {
                        String q = QUERIES[ThreadLocalRandom.current().nextInt(QUERIES.length)];
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/articles/search?limit=10&q="
                                + URLEncoder.encode(q, StandardCharsets.UTF_8))).header("Authorization", AUTH).GET().build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        samples[n++] = (System.nanoTime() - t0) / 1000;
                        if (response.statusCode() != 200 || !response.body().contains("\"highlight\"")) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    samples[samples.length - 1] = n;
                    done.countDown();
                }
            });
            thread.start();
        }
        done.await();
        int total = 0;
        for (long[] s : perThread) {
            total += (int) s[s.length - 1];
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] s : perThread) {
            int n = (int) s[s.length - 1];
            System.arraycopy(s, 0, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        return String.format(Locale.ROOT, "%-26s %9.0f %8.1f %8.1f %8.1f %7d", name, total / (double) seconds,
                pct(all, 50) / 1000.0, pct(all, 95) / 1000.0, pct(all, 99) / 1000.0, errors.get());
    }

    static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
