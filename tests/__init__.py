"""The test suite, by kind: unit/, integration/ (claims/ among them), e2e/ and gold/."""
