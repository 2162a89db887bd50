-- Seeds :count requests spread over 31 provinces, the seeded subjects, six statuses and three years, with realistic
-- Persian names and text, then refreshes planner statistics. Used by bench/inbox-benchmark.sh.
\set ON_ERROR_STOP on
-- Checksum-valid national codes, so that searching by one takes the exact-match path.
CREATE FUNCTION pg_temp.national_code(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT p || CASE WHEN r < 2 THEN r ELSE 11 - r END
  FROM (SELECT p, (SELECT sum(substr(p, i, 1)::int * (11 - i)) FROM generate_series(1, 9) AS i) % 11 AS r
        FROM (SELECT lpad(n::text, 9, '0') AS p) AS x) AS y
$$;
WITH provinces AS (SELECT array_agg("Id" ORDER BY "Id") AS ids FROM "Provinces"),
     mains AS (SELECT array_agg("Id" ORDER BY "Id") AS ids FROM "Subjects" WHERE "ParentId" IS NULL),
     first_names AS (SELECT ARRAY['محمد','علی','حسین','رضا','مهدی','فاطمه','زهرا','مریم','معصومه','سکینه','عباس','نرگس'] AS v),
     last_names AS (SELECT ARRAY['رضایی','احمدی','محمدی','حسینی','کریمی','موسوی','صادقی','رحیمی','جعفری','قاسمی','نوری','کاظمی'] AS v),
     statuses AS (SELECT ARRAY['Submitted','InProgress','Answered','Closed','Referred','Reopened'] AS v)
INSERT INTO "Requests" ("TrackingCode", "SubmissionKey", "NationalCode", "BirthDate", "FirstName", "LastName", "Gender",
    "ProvinceId", "Mobile", "SubjectId", "Text", "Status", "CreatedAt", "UpdatedAt", "DueAt", "Version")
SELECT lpad((100000000000 + g)::text, 12, '0'),
       md5(g::text)::uuid,
       pg_temp.national_code(g),
       date '1950-01-01' + (g % 20000),
       f.v[1 + g % 12],
       l.v[1 + (g / 12) % 12],
       CASE WHEN g % 2 = 0 THEN 'Male' ELSE 'Female' END,
       p.ids[1 + (g * 7) % array_length(p.ids, 1)],
       '0912' || lpad((g % 10000000)::text, 7, '0'),
       m.ids[1 + (g * 3) % array_length(m.ids, 1)],
       'درخواست شماره ' || g || ' درباره ثبت‌نام، فیش، کاروان و اعزام زائران',
       s.v[1 + (g * 5) % 6],
       timestamptz '2023-11-24' + (g * interval '94 seconds'),
       timestamptz '2023-11-24' + (g * interval '94 seconds'),
       timestamptz '2023-11-24' + (g * interval '94 seconds') + interval '9 days',
       1
FROM generate_series(1, :count) AS g, provinces p, mains m, first_names f, last_names l, statuses s;
ANALYZE "Requests";
