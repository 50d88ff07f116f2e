import { formatGlueType, GlueType, parseGlueType } from './glueType';

describe('Glue type strings', () => {
  it('parses nested types into a tree', () => {
    expect(
      parseGlueType(
        'struct<id:string,legs:array<struct<amount:decimal(18,4),at:timestamp>>,tags:map<string,int>>',
      ),
    ).toEqual<GlueType>({
      kind: 'struct',
      fields: [
        { name: 'id', type: { kind: 'primitive', name: 'string' } },
        {
          name: 'legs',
          type: {
            kind: 'array',
            items: {
              kind: 'struct',
              fields: [
                {
                  name: 'amount',
                  type: {
                    kind: 'primitive',
                    name: 'decimal',
                    parameters: [18, 4],
                  },
                },
                { name: 'at', type: { kind: 'primitive', name: 'timestamp' } },
              ],
            },
          },
        },
        {
          name: 'tags',
          type: {
            kind: 'map',
            key: { kind: 'primitive', name: 'string' },
            value: { kind: 'primitive', name: 'int' },
          },
        },
      ],
    });
  });

  it.each([
    'string',
    'bigint',
    'varchar(64)',
    'decimal(10,2)',
    'array<string>',
    'array<array<double>>',
    'map<string,array<boolean>>',
    'struct<line1:string,city:string,postcode:string,country:string>',
    'array<struct<account:string,amount:double,booked_at:timestamp>>',
    'struct<`odd-name`:string,`with``tick`:int>',
  ])('prints %s back as it was', text => {
    expect(formatGlueType(parseGlueType(text))).toBe(text);
  });

  it('reads types written loosely into the canonical form', () => {
    expect(
      formatGlueType(
        parseGlueType(' STRUCT < Id : String , n : Array<INT> > '),
      ),
    ).toBe('struct<Id:string,n:array<int>>');
  });

  it.each([
    ['', /expected a name at position 0/],
    ['strin', /unknown type "strin"/],
    ['array<string', /expected ">" at position 12/],
    ['struct<>', /a struct needs at least one field/],
    ['struct<a:int,a:string>', /struct field "a" appears twice/],
    ['struct<a string>', /expected ":"/],
    ['map<string>', /expected ","/],
    ['decimal(10,', /expected a number/],
    ['string string', /unexpected text after the type/],
    ['struct<`a:int>', /unclosed ` in a field name/],
  ])('rejects %j', (text, message) => {
    expect(() => parseGlueType(text)).toThrow(message);
  });
});
