"""The qualification interview: pure logic behind a small `Prompter` protocol."""
