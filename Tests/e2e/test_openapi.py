"""The served OpenAPI document is a valid OpenAPI 3.1 description and names every API route."""
import json
import urllib.request

from openapi_spec_validator import validate


def test_the_served_openapi_document_is_valid_openapi_3_1(server):
    with urllib.request.urlopen(server.url("/api/v1/openapi.json")) as response:
        document = json.load(response)
    assert document["openapi"] == "3.1.0"
    validate(document)
    for path in ["/api/v1/people", "/api/v1/people/{id}", "/api/v1/contacts", "/api/v1/episodes/{id}/steps", "/api/v1/due",
                 "/api/v1/notes", "/api/v1/people/{id}/chronology"]:
        assert path in document["paths"], path
