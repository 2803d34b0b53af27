-- Decision 0112: the two layouts of a notification measured in SQL (run.sh). a_n is the
-- shipped notification table (columns, indexes and autovacuum settings as Liquibase leaves them);
-- b_n + b_state split it: the content that never changes, and the status that does.
-- Liquibase's reference-check triggers are left out of both: they fire on the insert in either
-- layout, and the settle names none of the columns they watch.
DROP TABLE IF EXISTS a_n, b_n, b_state;
CREATE TABLE a_n (
 id uuid NOT NULL PRIMARY KEY, tenant_id uuid NOT NULL, event_id varchar(200) NOT NULL, event_type varchar(200) NOT NULL,
 subscription_id uuid NOT NULL, channel varchar(16) NOT NULL, recipient varchar(500) NOT NULL, address varchar(2000),
 template_id uuid, template_version integer, subject text, body text, status varchar(16) NOT NULL, status_reason text,
 attempts integer NOT NULL DEFAULT 0, next_attempt_at timestamptz, claimed_until timestamptz, created_at timestamptz NOT NULL,
 updated_at timestamptz NOT NULL, sent_at timestamptz, attempt_series integer NOT NULL DEFAULT 1, attempt_base integer NOT NULL DEFAULT 0, message_id uuid,
 CONSTRAINT a_once_uk UNIQUE (tenant_id, event_id, subscription_id, channel, recipient),
 CONSTRAINT a_tenant_id_uk UNIQUE (tenant_id, id),
 CONSTRAINT a_status_ck CHECK (status IN ('PENDING','SENDING','SENT','RETRYING','DEAD','SUPPRESSED','FAILED')));
CREATE INDEX a_claimed ON a_n (claimed_until) WHERE status = 'SENDING';
CREATE INDEX a_tenant_status ON a_n (tenant_id, status, created_at);
CREATE INDEX a_queued ON a_n (tenant_id, next_attempt_at) WHERE status IN ('PENDING','RETRYING');
CREATE INDEX a_tenant_created ON a_n (tenant_id, created_at, id);
CREATE INDEX a_template ON a_n (template_id) WHERE template_id IS NOT NULL;
CREATE INDEX a_finished ON a_n (status, updated_at, id) WHERE status IN ('SENT','SUPPRESSED','FAILED','DEAD');
ALTER TABLE a_n SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_insert_scale_factor = 0,
 autovacuum_vacuum_insert_threshold = 20000, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 20000);

CREATE TABLE b_n (
 id uuid NOT NULL PRIMARY KEY, tenant_id uuid NOT NULL, event_id varchar(200) NOT NULL, event_type varchar(200) NOT NULL,
 subscription_id uuid NOT NULL, channel varchar(16) NOT NULL, recipient varchar(500) NOT NULL, address varchar(2000),
 template_id uuid, template_version integer, subject text, body text, created_at timestamptz NOT NULL, message_id uuid,
 CONSTRAINT b_once_uk UNIQUE (tenant_id, event_id, subscription_id, channel, recipient),
 CONSTRAINT b_tenant_id_uk UNIQUE (tenant_id, id));
CREATE INDEX b_tenant_created ON b_n (tenant_id, created_at, id);
CREATE INDEX b_template ON b_n (template_id) WHERE template_id IS NOT NULL;
CREATE TABLE b_state (
 id uuid NOT NULL PRIMARY KEY, tenant_id uuid NOT NULL, status varchar(16) NOT NULL, status_reason text,
 attempts integer NOT NULL DEFAULT 0, next_attempt_at timestamptz, claimed_until timestamptz, created_at timestamptz NOT NULL,
 updated_at timestamptz NOT NULL, sent_at timestamptz, attempt_series integer NOT NULL DEFAULT 1, attempt_base integer NOT NULL DEFAULT 0,
 CONSTRAINT b_status_ck CHECK (status IN ('PENDING','SENDING','SENT','RETRYING','DEAD','SUPPRESSED','FAILED')));
CREATE INDEX b_claimed ON b_state (claimed_until) WHERE status = 'SENDING';
CREATE INDEX b_tenant_status ON b_state (tenant_id, status, created_at);
CREATE INDEX b_queued ON b_state (tenant_id, next_attempt_at) WHERE status IN ('PENDING','RETRYING');
CREATE INDEX b_finished ON b_state (status, updated_at, id) WHERE status IN ('SENT','SUPPRESSED','FAILED','DEAD');
ALTER TABLE b_n SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_insert_scale_factor = 0,
 autovacuum_vacuum_insert_threshold = 20000, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 20000);
ALTER TABLE b_state SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_insert_scale_factor = 0,
 autovacuum_vacuum_insert_threshold = 20000, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 20000);
