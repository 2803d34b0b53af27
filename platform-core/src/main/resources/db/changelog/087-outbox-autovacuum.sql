--liquibase formatted sql

--changeset herald:087-outbox-autovacuum
-- The outbox is a queue (decision 0092): every notification is inserted, claimed (PENDING
-- -> SENDING) and settled (SENT, RETRYING, DEAD), and each change leaves a dead row
-- version and index entries that point to it. Claims read the queued rows oldest first,
-- so until a vacuum removes them they step over the entries of every row claimed since.
-- PostgreSQL's default waits until a fifth of the table is dead, which for a table of
-- ten million rows is two million claimed rows; here a vacuum starts once 2,000 row
-- versions are dead (checked every autovacuum_naptime; deploy sets 10 s), and the table
-- is analysed every 20,000 changes so that the claims are planned on current figures.
ALTER TABLE notification SET (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 20000,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 20000);
