-- Decisions of the standing meeting, published unless confidential (000:53, 001:27, 003:36, 004:21:
-- 常务会议讨论决定的事项,除依法需要保密的外,应当及时公布): the public list, not only an audit line.
CREATE TABLE published_decisions (
  item_id       text PRIMARY KEY,                 -- the agendaItem workflow id
  jurisdiction  text NOT NULL,
  meeting_id    text NOT NULL,
  title         text NOT NULL,
  decision      text NOT NULL,                    -- as the signed minutes record it
  outcome       text NOT NULL,
  rule          text NOT NULL,                    -- the article that requires publication
  decided_at    timestamptz NOT NULL,             -- minutes signed
  published_at  timestamptz NOT NULL
);
CREATE INDEX published_decisions_public ON published_decisions (jurisdiction, published_at DESC);
