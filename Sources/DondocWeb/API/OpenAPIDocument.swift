/// The OpenAPI 3.1 document of the API (DESIGN §6.5): `Resources/openapi.json`, embedded in the
/// binary when it is built, served at `/api/v1/openapi.json` and checked against the running
/// server by the tests.
enum OpenAPIDocument {
    static let text = String(decoding: PackageResources.openapi_json, as: UTF8.self)
}
