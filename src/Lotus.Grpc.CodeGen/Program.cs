// protoc-gen-lotus: placeholder until the generator lands.
return 0;
