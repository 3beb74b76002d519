-- Bulk data for bench/scale, run by bench/seed with psql into a database whose schema the
-- distribution's own migrations made. Variables: customers, tickets, followups, answers, articles,
-- survey_a, survey_b (two MANUAL surveys created over REST with questions csat, nps, comment).
--
-- Every row is what the product would have written (see the entities): UUIDv7-like ids that sort
-- by creation time, version 1 or more, the derived columns (search_text, the normalised contact
-- keys, tag filters, ticket numbers, SLA seconds, breach and escalation) computed the way the Java
-- code computes them, and no state a periodic job would still change at boot: overdue open tickets
-- are breached and fully escalated, past-due open follow-ups are OVERDUE, invitations past expiry
-- are EXPIRED. No event is logged: seeded rows are history the modules have already acted on.
-- The nested subqueries end in OFFSET 0, a fence: pulled up, each derived value would be computed
-- again wherever it is used (hundreds of hashes per row).
-- Randomness is a hash of the row number, so a rerun yields the same data and related rows
-- (a ticket's customer, a follow-up's ticket) are computed, not looked up.
\set ON_ERROR_STOP on
\timing on
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';
SET work_mem = '64MB';
-- JIT would spend seconds compiling these long expressions, and run them no faster
SET jit = off;

-- r(n, salt): a uniform number in [0, 1) from the row number.
CREATE FUNCTION pg_temp.r(n bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  $$ SELECT ((hashint8extended(n, salt) & 9223372036854775807) % 1000000007)::float8 / 1000000007 $$;
-- An id as Ids.newId makes it: 48 bits of epoch milliseconds, version 7, variant 10; the row number
-- fills the random bits, so ids are unique per table and sort by time.
CREATE FUNCTION pg_temp.hex12(v bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lpad(to_hex(v), 12, '0') $$;
CREATE FUNCTION pg_temp.uid(ts timestamp, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT substr(pg_temp.hex12((extract(epoch FROM ts) * 1000)::bigint), 1, 8) || '-'
      || substr(pg_temp.hex12((extract(epoch FROM ts) * 1000)::bigint), 9, 4) || '-7' || lpad(to_hex(n % 4096), 3, '0') || '-'
      || to_hex(8 + (n / 4096) % 4) || lpad(to_hex((n / 16384) % 4096), 3, '0') || '-' || pg_temp.hex12(n) $$;
CREATE FUNCTION pg_temp.pick(a text[], x float8) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT a[1 + floor(x * array_length(a, 1))::int] $$;

-- The clock the data is relative to: seeded data ends at the seed's "now".
SELECT date_trunc('second', now() AT TIME ZONE 'UTC')::timestamp AS now \gset

-- ---- customers: created over three years before now ----
CREATE FUNCTION pg_temp.customer_at(n bigint, total bigint, now timestamp) RETURNS timestamp LANGUAGE sql IMMUTABLE AS
  $$ SELECT now - interval '1095 days' + (n::float8 / total) * interval '1094 days' $$;
CREATE FUNCTION pg_temp.customer_id(n bigint, total bigint, now timestamp) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT pg_temp.uid(pg_temp.customer_at(n, total, now), n) $$;

CREATE TEMP TABLE seed_names AS SELECT
  -- surnames repeated roughly by frequency; given-name characters common in mainland names
  string_to_array('王,王,王,李,李,李,张,张,张,刘,刘,陈,陈,杨,杨,黄,赵,吴,周,徐,孙,马,朱,胡,郭,何,高,林,罗,郑,梁,谢,宋,唐,许,韩,冯,邓,曹,彭,曾,肖,田,董,袁,潘,于,蒋,蔡,余,杜,叶,程,苏,魏,吕,丁,任,沈,姚,卢,姜,崔,钟,谭,陆,汪,范,金,石,廖,贾,夏,韦,付,方,白,邹,孟,熊,秦,邱,江,尹,薛,闫,段,雷,侯,龙,史,陶,黎,贺,顾,毛,郝,龚,邵,万,钱,欧阳,司马', ',') AS surnames,
  string_to_array('伟,芳,娜,秀,英,敏,静,丽,强,磊,军,洋,勇,艳,杰,娟,涛,明,超,兰,霞,平,刚,桂,华,建,国,志,文,红,玉,海,春,梅,小,晓,云,飞,鹏,辉,波,斌,宇,浩,凯,婷,雪,琳,欣,怡,佳,俊,嘉,子,晨,宁,亮,林,峰,鑫,慧,颖,倩,萍,丹,莉,荣,凤,秋,洁,燕,青,成,龙,东,新,德,福,生,永,金,珍,宏,利,兵,昊,然,轩,睿,博,思,雨,萱,诗,涵,梓,泽,一,可,心', ',') AS given;

INSERT INTO customer_record (id, agent_evidence, created_at, email, erased_at, external_ref, language, name,
    negativity_score, notes, phone, profile_evidence, search_text, segment, tag_filter, temperament,
    temperament_source, updated_at, version, merged_into, phone_normalized, email_normalized, name_normalized)
SELECT id, NULL, at, email, NULL, ref, lang, name, negativity, NULL, phone, NULL,
       left(lower(name) || E'\x01' || coalesce(lower(email) || E'\x01', '') || coalesce(lower(phone) || E'\x01', '')
            || coalesce(regexp_replace(phone, '[^0-9]', '', 'g') || E'\x01', '') || coalesce(lower(ref) || E'\x01', ''), 700),
       segment, CASE WHEN tag IS NULL THEN NULL ELSE E'\x01' || tag || E'\x01' END, temperament,
       CASE WHEN temperament = 'UNKNOWN' THEN NULL ELSE 'INFERRED' END, at, 1, NULL,
       digits, CASE WHEN email IS NULL THEN NULL ELSE regexp_replace(lower(email), '\+[^@]*@', '@') END,
       NULLIF(regexp_replace(lower(name), E'[ \t\u3000.\u00b7\u30fb''\\-_,]', '', 'g'), '')
FROM (
  SELECT c.*,
         CASE WHEN digits IS NULL THEN NULL ELSE CASE fmt
           WHEN 0 THEN digits
           WHEN 1 THEN substr(digits, 1, 3) || ' ' || substr(digits, 4, 4) || ' ' || substr(digits, 8)
           WHEN 2 THEN substr(digits, 1, 3) || '-' || substr(digits, 4, 4) || '-' || substr(digits, 8)
           WHEN 3 THEN '+86 ' || substr(digits, 1, 3) || ' ' || substr(digits, 4, 4) || ' ' || substr(digits, 8)
           WHEN 4 THEN '+86' || digits
           ELSE '0086 ' || digits END END AS phone
  FROM (
    SELECT n, pg_temp.customer_id(n, :customers, :'now') AS id, pg_temp.customer_at(n, :customers, :'now') AS at,
           -- one in fifty repeats the customer before it: the same phone in another format and the
           -- same name (a second call), or the same e-mail in other case with a +tag (a new address)
           CASE WHEN n % 50 = 0 THEN pg_temp.pick(s.surnames, pg_temp.r(n - 1, 1)) || pg_temp.pick(s.given, pg_temp.r(n - 1, 2))
                                     || CASE WHEN pg_temp.r(n - 1, 3) < 0.7 THEN pg_temp.pick(s.given, pg_temp.r(n - 1, 4)) ELSE '' END
                ELSE pg_temp.pick(s.surnames, pg_temp.r(n, 1)) || pg_temp.pick(s.given, pg_temp.r(n, 2))
                     || CASE WHEN pg_temp.r(n, 3) < 0.7 THEN pg_temp.pick(s.given, pg_temp.r(n, 4)) ELSE '' END END AS name,
           CASE WHEN pg_temp.r(m, 5) < 0.1 THEN NULL
                ELSE pg_temp.pick('{138,139,135,136,137,150,151,152,158,159,186,187,188,189,133,153,180,181,177,199}', pg_temp.r(m, 6))
                     || lpad(((m * 7919 + 12345) % 100000000)::text, 8, '0') END AS digits,
           ((n * 7 + 3) % 6)::int AS fmt,
           CASE WHEN pg_temp.r(e, 7) < 0.4 THEN NULL
                WHEN n % 50 = 25 THEN 'U' || e || '+shop@' || upper(pg_temp.pick('{qq.com,163.com,126.com,sina.com,foxmail.com,gmail.com}', pg_temp.r(e, 8)))
                ELSE 'u' || e || '@' || pg_temp.pick('{qq.com,163.com,126.com,sina.com,foxmail.com,gmail.com}', pg_temp.r(e, 8)) END AS email,
           CASE WHEN pg_temp.r(n, 9) < 0.7 THEN 'crm-' || n END AS ref,
           CASE WHEN pg_temp.r(n, 10) < 0.9 THEN 'zh-CN' ELSE 'en' END AS lang,
           pg_temp.pick('{retail,retail,retail,vip,corporate,student,senior}', pg_temp.r(n, 11)) AS segment,
           CASE WHEN pg_temp.r(n, 12) < 0.2 THEN pg_temp.pick('{vip,complained-before,regulator,media,loyal}', pg_temp.r(n, 13)) END AS tag,
           pg_temp.pick('{UNKNOWN,UNKNOWN,UNKNOWN,EMOTIONAL,RATIONAL,UNREASONABLE}', pg_temp.r(n, 14)) AS temperament,
           floor(pg_temp.r(n, 15) * 100)::int AS negativity
    FROM generate_series(1::bigint, :customers) AS n,
         LATERAL (SELECT CASE WHEN n % 50 = 0 THEN n - 1 ELSE n END AS m, CASE WHEN n % 50 = 25 THEN n - 1 ELSE n END AS e) k,
         seed_names s
    OFFSET 0
  ) c
  OFFSET 0
) f;

INSERT INTO customer_tag (customer_id, tag, position)
SELECT id, substr(tag_filter, 2, length(tag_filter) - 2), 0 FROM customer_record WHERE tag_filter IS NOT NULL;

-- ---- tickets: created evenly over the year before now; a tenth go to 10,000 frequent callers ----
CREATE TEMP TABLE seed_ticket_text AS SELECT
  string_to_array('转账限额太低,信用卡被盗刷,快递三周还没到,退款一直不到账,客服态度恶劣,账单多扣了钱,产品质量有问题,售后电话打不通,网点排队太久,积分被清零,套餐被私自变更,航班取消无人通知,行李丢失,贷款利率不透明,手机信号差', ',') AS subjects,
  string_to_array('我已经打了三次电话了！,再不解决我就投诉到银保监会,希望尽快处理,你们到底管不管,这是第二次出现这种问题,请给我一个说法,我要求全额退款,等了一个星期了没人回复', ',') AS descriptions;

CREATE FUNCTION pg_temp.ticket_at(n bigint, total bigint, now timestamp) RETURNS timestamp LANGUAGE sql IMMUTABLE AS
  $$ SELECT now - interval '365 days' + (n::float8 / total) * interval '365 days' $$;

INSERT INTO ticket_ticket (id, assignee, breached_at, category, channel, closed_at, commitment_text, compensation, created_at,
    customer_id, description, emotion_intensity, emotion_label, emotion_negativity, emotion_signals, emotion_source,
    escalated_at, escalation_level, first_responded_at, first_response_due, first_response_seconds, follow_up_at, number,
    priority, reopen_count, resolution_due, resolution_seconds, resolution_summary, resolved_at, root_cause, search_text,
    status, subject, tags, updated_at, version, waiting_since, merged_into, split_from)
SELECT id, assignee, breached, category, channel, closed_at,
       CASE WHEN resolved_at IS NOT NULL THEN '三个工作日内电话回访' END,
       CASE WHEN resolved_at IS NOT NULL AND pg_temp.r(n, 30) < 0.3 THEN '补偿话费50元' END,
       at, customer_id, description, intensity, label, negativity, NULL, 'ANALYZER',
       CASE WHEN escalated THEN breached END, CASE WHEN escalated THEN 3 ELSE 0 END,
       responded_at, fr_due, extract(epoch FROM responded_at - at)::bigint,
       CASE WHEN resolved_at IS NOT NULL THEN resolved_at + interval '3 days' END,
       number, priority, CASE WHEN status = 'REOPENED' THEN 1 ELSE 0 END, res_due,
       extract(epoch FROM resolved_at - at)::bigint,
       CASE WHEN resolved_at IS NOT NULL THEN '已核实并处理，向客户致歉' END, resolved_at,
       CASE WHEN resolved_at IS NOT NULL AND pg_temp.r(n, 31) < 0.2 THEN '系统限额配置错误' END,
       left(lower(number || ' ' || subject || ' ' || description), 2400), status, subject,
       CASE WHEN pg_temp.r(n, 32) < 0.1 THEN E'\x01urgent\x01' END,
       greatest(at, responded_at, resolved_at, closed_at, breached), version, NULL, NULL, NULL
FROM (
  SELECT t.*,
         CASE WHEN resolved_at IS NOT NULL THEN
                CASE WHEN responded_at > fr_due THEN fr_due WHEN resolved_at > res_due THEN res_due END
              WHEN responded_at IS NULL AND fr_due < :'now'::timestamp THEN fr_due
              WHEN res_due < :'now'::timestamp THEN res_due END AS breached,
         resolved_at IS NULL AND (res_due < :'now'::timestamp
              OR (responded_at IS NULL AND fr_due < :'now'::timestamp)) AS escalated,
         CASE WHEN status = 'CLOSED' THEN resolved_at + (1 + 2 * pg_temp.r(n, 33)) * interval '1 day' END AS closed_at,
         CASE status WHEN 'NEW' THEN 1 WHEN 'ACKNOWLEDGED' THEN 2 WHEN 'INVESTIGATING' THEN 3 WHEN 'SOLUTION_PROPOSED' THEN 4
                     WHEN 'RESOLVED' THEN 5 WHEN 'CLOSED' THEN 6 ELSE 6 END AS version
  FROM (
    SELECT s.*,
           CASE WHEN status = 'NEW' THEN NULL ELSE least(at + pg_temp.r(n, 24) * 1.3 * (fr_due - at), :'now'::timestamp) END AS responded_at,
           CASE WHEN status IN ('RESOLVED', 'CLOSED') THEN least(at + pg_temp.r(n, 25) * 1.2 * (res_due - at), :'now'::timestamp) END AS resolved_at
    FROM (
      SELECT n, at, pg_temp.uid(at, n) AS id, 'CD-' || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END AS number,
             pg_temp.customer_id(CASE WHEN pg_temp.r(n, 20) < 0.1 THEN 1 + floor(pg_temp.r(n, 21) * least(10000, :customers))
                                      ELSE 1 + floor(pg_temp.r(n, 21) * :customers) END::bigint, :customers, :'now') AS customer_id,
             'agent' || lpad((1 + floor(pg_temp.r(n, 22) * 40))::text, 2, '0') AS assignee,
             pg_temp.pick('{PRODUCT_QUALITY,AFTER_SALES,SERVICE_ATTITUDE,BILLING,DELIVERY,POLICY,OTHER}', pg_temp.r(n, 23)) AS category,
             pg_temp.pick('{PHONE,PHONE,PHONE,EMAIL,CHAT,CHAT,IN_PERSON,SOCIAL,OTHER}', pg_temp.r(n, 26)) AS channel,
             pg_temp.pick(x.subjects, pg_temp.r(n, 27)) AS subject, pg_temp.pick(x.descriptions, pg_temp.r(n, 28)) AS description,
             pg_temp.pick('{ANGER,ANGER,DISAPPOINTMENT,ANXIETY,NEUTRAL,SATISFIED}', pg_temp.r(n, 29)) AS label,
             round(pg_temp.r(n, 34)::numeric, 2)::float8 AS intensity, floor(pg_temp.r(n, 35) * 101)::int AS negativity,
             p.priority, at + p.fr AS fr_due, at + p.res AS res_due,
             CASE WHEN at < :'now'::timestamp - interval '14 days'
                  THEN CASE WHEN pg_temp.r(n, 36) < 0.8 THEN 'CLOSED' WHEN pg_temp.r(n, 36) < 0.97 THEN 'RESOLVED'
                            ELSE pg_temp.pick('{INVESTIGATING,SOLUTION_PROPOSED,REOPENED}', pg_temp.r(n, 37)) END
                  ELSE pg_temp.pick('{NEW,ACKNOWLEDGED,ACKNOWLEDGED,INVESTIGATING,INVESTIGATING,SOLUTION_PROPOSED,RESOLVED,RESOLVED,CLOSED,REOPENED}',
                                    pg_temp.r(n, 36)) END AS status
      FROM generate_series(1::bigint, :tickets) AS n,
           LATERAL (SELECT pg_temp.ticket_at(n, :tickets, :'now') AS at) a,
           LATERAL (SELECT (ARRAY['P1','P2','P3','P3','P4'])[1 + floor(pg_temp.r(n, 38) * 5)::int] AS priority) q,
           LATERAL (SELECT CASE q.priority WHEN 'P1' THEN interval '1 hour' WHEN 'P2' THEN interval '2 hours'
                                           WHEN 'P3' THEN interval '4 hours' ELSE interval '8 hours' END AS fr,
                           CASE q.priority WHEN 'P1' THEN interval '1 day' WHEN 'P2' THEN interval '2 days'
                                           WHEN 'P3' THEN interval '3 days' ELSE interval '5 days' END AS res,
                           q.priority) p,
           seed_ticket_text x
      OFFSET 0
    ) s
    OFFSET 0
  ) t
  OFFSET 0
) f;
SELECT setval('ticket_number_seq', :tickets);

-- ---- follow-ups: the call-back of resolved tickets (as TicketCommitment makes them) ----
INSERT INTO followup_followup (id, assignee, channel, completed_at, created_at, customer_id, due_at, occurrence, origin_key,
    outcome, outcome_summary, overdue_claim, punctuality, purpose, recurrence, reminder_claim, series_anchor, series_id,
    status, ticket_id, updated_at, version)
SELECT pg_temp.uid(resolved_at, k), assignee, 'PHONE', completed_at, resolved_at, customer_id, due_at, 0,
       'ticket:' || ticket_id || ':0',
       CASE WHEN completed_at IS NOT NULL THEN CASE WHEN satisfied THEN 'SATISFIED' ELSE 'UNSATISFIED' END END,
       CASE WHEN completed_at IS NOT NULL THEN CASE WHEN satisfied THEN '客户满意' ELSE '客户仍不满意' END END,
       CASE WHEN status = 'OVERDUE' THEN 'seed' END,
       CASE WHEN completed_at IS NOT NULL THEN CASE WHEN completed_at > due_at + interval '15 minutes' THEN 'LATE' ELSE 'ON_TIME' END END,
       '回访：' || subject, NULL,
       -- pending ones within the reminder lead (1 h) have had their reminder
       CASE WHEN status = 'PENDING' AND due_at <= :'now'::timestamp + interval '1 hour' THEN 'seed' END,
       NULL, NULL, status, ticket_id, coalesce(completed_at, resolved_at), CASE WHEN status = 'PENDING' THEN 1 ELSE 2 END
FROM (
  SELECT t.*, CASE WHEN due_at >= :'now'::timestamp THEN 'PENDING'
                   WHEN pg_temp.r(k, 40) < 0.9 OR due_at < :'now'::timestamp - interval '30 days' THEN 'DONE'
                   ELSE 'OVERDUE' END AS status,
         pg_temp.r(k, 41) < 0.85 AS satisfied
  FROM (
    SELECT row_number() OVER (ORDER BY t.id) AS k, t.id AS ticket_id, t.customer_id, t.assignee, t.subject, t.resolved_at,
           t.follow_up_at AS due_at,
           CASE WHEN t.follow_up_at < :'now'::timestamp
                THEN least(t.follow_up_at + (pg_temp.r(t.number_n, 42) - 0.5) * interval '4 hours', :'now'::timestamp) END AS completed_at
    FROM (SELECT *, substr(number, 4)::bigint AS number_n FROM ticket_ticket WHERE resolved_at IS NOT NULL) t
    WHERE pg_temp.r(t.number_n, 43) < :followups::float8 / (SELECT count(*) FROM ticket_ticket WHERE resolved_at IS NOT NULL)
  ) t
) f;

-- ---- survey invitations and answers: two surveys, 80/20, after resolved tickets ----
CREATE TEMP TABLE seed_invitation AS
SELECT k, id AS ticket_id, customer_id, category, emotion_negativity, resolved_at + interval '1 hour' AS sent_at,
       CASE WHEN pg_temp.r(k, 50) < 0.8 THEN :'survey_a' ELSE :'survey_b' END AS survey_id,
       k % 5 <> 0 AS responds
FROM (SELECT row_number() OVER (ORDER BY id) AS k, t.* FROM ticket_ticket t
      WHERE resolved_at IS NOT NULL AND resolved_at < :'now'::timestamp - interval '2 hours') t
WHERE k <= :answers * 5 / 4;

INSERT INTO survey_invitation (id, channel, customer_id, expires_at, origin_key, responded_at, revision, sent_at, status,
    survey_id, ticket_category, ticket_id, ticket_negativity, token, version)
SELECT pg_temp.uid(sent_at, k), 'SMS', customer_id, sent_at + interval '14 days', NULL,
       CASE WHEN responds THEN responded_at END, 1, sent_at,
       CASE WHEN responds THEN 'RESPONDED' WHEN sent_at + interval '14 days' < :'now'::timestamp THEN 'EXPIRED' ELSE 'SENT' END,
       survey_id, category, ticket_id, emotion_negativity, md5(k || ':a') || md5(k || ':b'), CASE WHEN responds THEN 2 ELSE 1 END
FROM (SELECT i.*, least(sent_at + pg_temp.r(k, 51) * interval '2 days', :'now'::timestamp) AS responded_at FROM seed_invitation i) i;

INSERT INTO survey_answer (id, answers_json, customer_id, invitation_id, responded_at, revision, survey_id, ticket_category,
    ticket_id, ticket_negativity)
SELECT pg_temp.uid(responded_at, k), '{"csat":' || csat || ',"nps":' || nps
         || CASE WHEN k % 10 = 1 THEN ',"comment":"第' || k || '位客户：希望处理再快一点"' ELSE '' END || '}',
       customer_id, id, responded_at, 1, survey_id, ticket_category, ticket_id, ticket_negativity
FROM (SELECT i.*, ('x' || lpad(substr(id, 25, 12), 16, '0'))::bit(64)::bigint AS k
      FROM survey_invitation i WHERE status = 'RESPONDED') i,
     LATERAL (SELECT 1 + floor(pg_temp.r(i.k, 52) * 5)::int AS csat, floor(pg_temp.r(i.k, 53) * 11)::int AS nps) s;

INSERT INTO survey_score (id, answer_id, question_key, question_type, responded_at, survey_id, text_value, ticket_category,
    ticket_id, ticket_negativity, score_value)
SELECT pg_temp.uid(a.responded_at, k * 4 + q.i), a.id, q.key, q.type, a.responded_at, a.survey_id,
       CASE WHEN q.type = 'TEXT' THEN a.answers_json::json ->> 'comment' END,
       a.ticket_category, a.ticket_id, a.ticket_negativity,
       CASE WHEN q.type <> 'TEXT' THEN (a.answers_json::json ->> q.key)::int END
FROM (SELECT a.*, ('x' || lpad(substr(a.id, 25, 12), 16, '0'))::bit(64)::bigint AS k FROM survey_answer a) a,
     LATERAL (VALUES (0, 'csat', 'CSAT'), (1, 'nps', 'NPS'), (2, 'comment', 'TEXT')) AS q(i, key, type)
WHERE q.type <> 'TEXT' OR a.answers_json LIKE '%"comment"%';

-- ---- problem library: published articles, a few drafts and archived ones ----
INSERT INTO knowledge_article (id, archived_at, created_at, helpful_count, import_key, last_reviewed_at, not_helpful_count,
    published_at, review_base_at, source_ticket_id, status, updated_at, usage_count, version, category, language, problem,
    root_cause, scripts_text, solution, tags_text, title)
SELECT pg_temp.uid(at, n), CASE WHEN status = 'ARCHIVED' THEN at + interval '30 days' END, at,
       floor(pg_temp.r(n, 60) * 50)::bigint, NULL, NULL, floor(pg_temp.r(n, 61) * 10)::bigint,
       CASE WHEN status <> 'DRAFT' THEN at END, CASE WHEN status = 'PUBLISHED' THEN at END, NULL, status,
       CASE WHEN status = 'ARCHIVED' THEN at + interval '30 days' ELSE at END, floor(pg_temp.r(n, 62) * 200)::bigint,
       CASE WHEN status = 'DRAFT' THEN 1 ELSE 2 END, category, lang,
       CASE WHEN lang = 'zh' THEN '客户反映' || topic || '（案例' || n || '）' ELSE 'Customer reports: ' || topic_en || ' (case ' || n || ')' END,
       CASE WHEN lang = 'zh' THEN topic || '的原因是系统配置或流程缺陷' ELSE 'Configuration or process defect behind ' || topic_en END,
       CASE WHEN lang = 'zh' THEN '非常理解您的心情' || E'\x1e' || '我们会在三个工作日内给您答复' ELSE 'I understand how frustrating this is' END,
       CASE WHEN lang = 'zh' THEN '核实账户信息后处理' || topic || '，并告知客户处理时限' ELSE 'Verify the account, then fix ' || topic_en END,
       E'\x01' || lower(category) || E'\x01',
       CASE WHEN lang = 'zh' THEN topic || '处理指引 ' || n ELSE 'How to handle ' || topic_en || ' ' || n END
FROM (
  SELECT n, :'now'::timestamp - interval '730 days' + (n::float8 / :articles) * interval '729 days' AS at,
         CASE WHEN pg_temp.r(n, 63) < 0.9 THEN 'PUBLISHED' WHEN pg_temp.r(n, 63) < 0.98 THEN 'DRAFT' ELSE 'ARCHIVED' END AS status,
         pg_temp.pick('{PRODUCT_QUALITY,AFTER_SALES,SERVICE_ATTITUDE,BILLING,DELIVERY,POLICY,OTHER}', pg_temp.r(n, 64)) AS category,
         CASE WHEN pg_temp.r(n, 65) < 0.8 THEN 'zh' ELSE 'en' END AS lang,
         pg_temp.pick(x.subjects, pg_temp.r(n, 66)) AS topic,
         pg_temp.pick('{transfer limit too low,card fraud,parcel late,refund missing,rude staff,double charge,faulty product,hotline unreachable,long queue,points expired}', pg_temp.r(n, 66)) AS topic_en
  FROM generate_series(1::bigint, :articles) AS n, seed_ticket_text x
) a;

-- The survey module seals its report's days from the rows once they can no longer change (ReportDays);
-- this history was written behind its back, so it seals them all again from the rows.
TRUNCATE survey_day_score, survey_day_answer, survey_day_invitation;
UPDATE survey_report_mark SET sealed_until = NULL;
-- The same for the ticket statistics' day roll-ups (StatsDays): sealed again from these rows at the first start.
TRUNCATE ticket_day_count, ticket_day_durations;
UPDATE ticket_stats_mark SET sealed_until = NULL;

CREATE TABLE IF NOT EXISTS bench_seed (customers bigint, tickets bigint, followups bigint, answers bigint, articles bigint,
    survey_a text, survey_b text, seeded_at timestamp, seconds int);
