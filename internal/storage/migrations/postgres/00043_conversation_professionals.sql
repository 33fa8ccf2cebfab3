-- +goose Up
-- Contact moments per worker (issue 14, item 6): a worker's logged family
-- conversations are found from the worker, not only from the conversation.
CREATE INDEX conversation_professionals_professional ON conversation_professionals(professional_id, conversation_id);

-- +goose Down
DROP INDEX conversation_professionals_professional;
