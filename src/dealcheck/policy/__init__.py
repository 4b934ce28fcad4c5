"""A team's sales policy reviewed like code: framework tests, and a change's impact on deals."""
